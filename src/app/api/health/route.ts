// Liveness for load balancers: the process is up and serving. Open without sign-in (src/proxy.ts).
import { probeResponse } from "~/server/health/probe-response";

export const dynamic = "force-dynamic";

export function GET() {
  return probeResponse("ok");
}
