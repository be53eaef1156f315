import { describe, expect, it } from "vitest";
import { gatewayRouteFor } from "./gateway-route";

describe("gatewayRouteFor", () => {
  it("records thread creates, create-and-run, thread changes and added messages", () => {
    expect(gatewayRouteFor("POST", "/v1/threads")).toEqual({ handler: "create-thread" });
    expect(gatewayRouteFor("POST", "/v1/threads/runs")).toEqual({ handler: "create-and-run" });
    expect(gatewayRouteFor("POST", "/v1/threads/thread_a")).toEqual({ handler: "change-thread", threadId: "thread_a" });
    expect(gatewayRouteFor("DELETE", "/v1/threads/thread%20a")).toEqual({ handler: "change-thread", threadId: "thread a" });
    expect(gatewayRouteFor("POST", "/v1/threads/thread_a/messages")).toEqual({ handler: "add-message", threadId: "thread_a" });
  });

  it("passes everything else through, a malformed escape included", () => {
    for (const [method, path] of [
      ["GET", "/v1/threads/thread_a"],
      ["GET", "/v1/threads"],
      ["GET", "/v1/threads/thread_a/messages"],
      ["POST", "/v1/threads/thread_a/runs"],
      ["POST", "/v1/assistants"],
      ["DELETE", "/v1/threads/%E0%A4%A"],
      ["PUT", "/v1/threads/thread_a"],
    ] as const) {
      expect({ method, path, route: gatewayRouteFor(method, path) }).toEqual({ method, path, route: { handler: "pass-through" } });
    }
  });
});
