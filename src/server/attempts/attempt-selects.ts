// Every query names the columns it returns, so nothing leaks to a page by accident.
import type { Prisma } from "~/generated/prisma/client";

export const attemptSummarySelect = {
  id: true,
  status: true,
  request: true,
  errorStatus: true,
  errorMessage: true,
  createdBy: true,
  autoRetries: true,
  retryOfId: true,
  sweptAt: true,
  createdAt: true,
  updatedAt: true,
} satisfies Prisma.CreateAttemptSelect;

export type AttemptRow = Prisma.CreateAttemptGetPayload<{ select: typeof attemptSummarySelect }>;
