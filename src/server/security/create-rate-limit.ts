import "server-only";
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import { RateLimitedError } from "~/server/errors";

/**
 * How many creates (and retries) one person, or one client address without sign-in, may
 * make per minute. Counted in this process's memory: right for one Spool instance; several
 * instances would each allow the limit (rate-limiter-flexible has Postgres/Redis stores).
 */
export class CreateRateLimit {
  private readonly limiter: RateLimiterMemory;

  constructor(readonly perMinute: number) {
    this.limiter = new RateLimiterMemory({ points: perMinute, duration: 60 });
  }

  async consume(key: string): Promise<void> {
    try {
      await this.limiter.consume(key);
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      const seconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
      throw new RateLimitedError(`Too many threads created: Spool allows ${this.perMinute} a minute per person. Try again in ${seconds} s.`, seconds);
    }
  }
}

// One per process, kept on globalThis like the Prisma client (dev reloads re-run modules).
const globalForLimit = globalThis as unknown as { spoolCreateRateLimit?: CreateRateLimit };

export function createRateLimit(perMinute: number): CreateRateLimit {
  if (globalForLimit.spoolCreateRateLimit?.perMinute !== perMinute) {
    globalForLimit.spoolCreateRateLimit = new CreateRateLimit(perMinute);
  }
  return globalForLimit.spoolCreateRateLimit;
}
