// What an attempt ended by a sweep says. Apart from sweep-attempts.ts (server-only) so the
// fault run (scripts/faults) can tell swept attempts from the rest by the same words.
export const ORPHANED_MESSAGE = "Spool stopped before the upstream answered; the thread may or may not have been created.";
