// The Assistants gateway: official SDKs pointed at Spool's /v1 reach the upstream through
// here, and the threads they create are recorded (src/server/gateway/). Outside the sign-in
// proxy (src/proxy.ts's matcher): a Spool key is its only authentication.
import { handleGatewayRequest } from "~/server/gateway/handle-gateway-request";

export const dynamic = "force-dynamic";

export {
  handleGatewayRequest as GET,
  handleGatewayRequest as POST,
  handleGatewayRequest as PUT,
  handleGatewayRequest as PATCH,
  handleGatewayRequest as DELETE,
  handleGatewayRequest as HEAD,
  handleGatewayRequest as OPTIONS,
};
