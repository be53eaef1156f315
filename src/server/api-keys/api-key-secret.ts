import "server-only";
import { hash, randomBytes } from "node:crypto";

/** Every Spool key starts with this, so a leaked one is recognisable (and secret scanners can match it). */
export const API_KEY_PREFIX = "spool_";
/** How much of a key the Settings page and `npm run keys -- list` show. */
const SHOWN_LENGTH = API_KEY_PREFIX.length + 6;

/** 256 random bits. */
const SECRET_BYTES = 32;

/** Base64url: `spool_` + 43 characters. */
export function newApiKeySecret(): string {
  return API_KEY_PREFIX + randomBytes(SECRET_BYTES).toString("base64url");
}

const ISSUED_SHAPE = new RegExp(`^${API_KEY_PREFIX}[A-Za-z0-9_-]{${Math.ceil((SECRET_BYTES * 4) / 3)}}$`);

/**
 * Whether `secret` has the shape of every key newApiKeySecret makes. One that does not was
 * never issued: it is refused without a trip to the database (the gateway's 401 for it
 * would otherwise cost a lookup and an allowance draw, gateway-auth.ts).
 */
export function hasIssuedShape(secret: string): boolean {
  return ISSUED_SHAPE.test(secret);
}

/**
 * SHA-256, not bcrypt/scrypt/argon2: those slow hashes protect low-entropy passwords from
 * guessing. A key of 256 random bits cannot be guessed at any speed, so a fast hash loses
 * nothing, and it lets a request find its key with one indexed lookup instead of spending
 * ~100 ms of CPU on every call.
 */
export function hashApiKeySecret(secret: string): Buffer<ArrayBuffer> {
  return hash("sha256", secret, "buffer");
}

export function shownPrefix(secret: string): string {
  return secret.slice(0, SHOWN_LENGTH);
}

/** The key in an `Authorization: Bearer <key>` header's value, or null. */
export function bearerSecret(authorization: string | null | undefined): string | null {
  const value = authorization?.trim();
  const match = value ? /^Bearer\s+(\S+)$/i.exec(value) : null;
  return match?.[1] ?? null;
}
