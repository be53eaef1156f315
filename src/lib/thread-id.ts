import { z } from "zod";

/** Longer than any id a known server uses (`thread_` + a UUID is 43), short enough to link to. */
export const THREAD_ID_MAX = 200;

/**
 * A thread's upstream id, as links, imports and recorded answers take it: OpenAI's
 * `thread_abc123`, Model Studio's `thread_e99a9fe7-0433-426f-98ad-a5139c36579c`, or any
 * compatible server's, within the characters a URL path carries as is.
 */
export const threadIdSchema = z
  .string()
  .trim()
  .min(1, "A thread id is required.")
  .max(THREAD_ID_MAX, `Thread ids are at most ${THREAD_ID_MAX} characters.`)
  .regex(/^[A-Za-z0-9_-]+$/, "Thread ids look like thread_abc123: letters, digits, _ and - only.");
