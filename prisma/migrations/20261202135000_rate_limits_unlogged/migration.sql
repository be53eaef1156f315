-- The upstream-call allowance (rate-limiter-flexible's store) is the one table whose loss in a
-- crash harms nothing: after a crash every allowance starts full, as after a minute. Unlogged,
-- taking one call from an allowance no longer waits for a WAL flush, so a create commits
-- durably twice (its attempt, then its record), not three times.
ALTER TABLE "rate_limits" SET UNLOGGED;
