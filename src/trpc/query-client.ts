import { QueryClient } from "@tanstack/react-query";

/**
 * Pages call procedures on the server (src/trpc/server.ts) and hand the first page to
 * client components as `initialData`; nothing is dehydrated, so no hydrate/dehydrate setup.
 */
export function createQueryClient() {
  return new QueryClient({
    defaultOptions: {
      // The server just rendered that first page: do not fetch it again at once.
      queries: { staleTime: 30_000 },
    },
  });
}
