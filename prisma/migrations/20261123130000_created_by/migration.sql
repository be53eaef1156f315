-- AlterTable
ALTER TABLE "create_attempts" ADD COLUMN     "created_by" TEXT;

-- AlterTable
ALTER TABLE "threads" ADD COLUMN     "created_by" TEXT;
