import { TRPCReactProvider } from "~/trpc/react";

// The tRPC hooks' client (TanStack Query, the React bindings) loads only on pages whose
// client components use it, not in the root layout: /threads stays light (docs/BENCHMARKS.md).
export default function Layout({ children }: { children: React.ReactNode }) {
  return <TRPCReactProvider>{children}</TRPCReactProvider>;
}
