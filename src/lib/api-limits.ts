/**
 * The most calls one /api/trpc request may batch: each may reach the upstream, so a batch
 * of 1,000 imports would be 1,000 upstream calls in one request. Shared by the page's
 * client (which splits larger batches) and the route (which refuses them). Pure.
 */
export const MAX_BATCH_CALLS = 10;
