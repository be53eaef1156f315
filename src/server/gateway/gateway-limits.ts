import "server-only";
import { MAX_REQUEST_BODY_BYTES } from "~/server/security/request-body-guard";

/** A thread create or change, which Spool reads and records: the same limit as /api/trpc. */
export const RECORDED_BODY_MAX_BYTES = MAX_REQUEST_BODY_BYTES;
/** Anything passed through (a file upload): OpenAI's own limit for one file, streamed, never held. */
export const PASS_THROUGH_BODY_MAX_BYTES = 512 * 1024 * 1024;
