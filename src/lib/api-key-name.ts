// The name of a Spool API key: shared by the Settings form, the tRPC router and `npm run keys`.
import { z } from "zod";

export const API_KEY_NAME_MAX = 64;

/** Names a service (`billing-bot`); shown as the creator of every thread the key makes. */
export const apiKeyNameSchema = z
  .string()
  .trim()
  .min(1, "A key needs a name, like billing-bot.")
  .max(API_KEY_NAME_MAX, `Key names are at most ${API_KEY_NAME_MAX} characters.`)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, "Key names use letters, digits, '.', '_' and '-' only, starting with a letter or digit.");
