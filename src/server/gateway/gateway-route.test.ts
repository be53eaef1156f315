import { describe, expect, it } from "vitest";
import { gatewayRouteFor } from "./gateway-route";

describe("gatewayRouteFor", () => {
  it("sends thread creates, create-and-run, thread changes and message adds to the recorded route", () => {
    expect(gatewayRouteFor("POST", "/v1/threads")).toEqual({ handler: "create-thread" });
    expect(gatewayRouteFor("POST", "/v1/threads/runs")).toEqual({ handler: "create-and-run" });
    expect(gatewayRouteFor("POST", "/v1/threads/thread_a")).toEqual({ handler: "change-thread", threadId: "thread_a" });
    expect(gatewayRouteFor("DELETE", "/v1/threads/thread%20a")).toEqual({ handler: "change-thread", threadId: "thread a" });
    expect(gatewayRouteFor("POST", "/v1/threads/thread_a/messages")).toEqual({ handler: "add-message", threadId: "thread_a" });
  });

  it("passes everything else through", () => {
    for (const [method, path] of [
      ["GET", "/v1/threads/thread_a"],
      ["GET", "/v1/threads"],
      ["GET", "/v1/threads/thread_a/messages"],
      ["DELETE", "/v1/threads/thread_a/messages/msg_1"],
      ["POST", "/v1/threads/thread_a/runs"],
      ["POST", "/v1/threads/thread_a/messages/msg_1"],
      ["PUT", "/v1/threads"],
      ["POST", "/v1/threads/"],
      ["POST", "/v1/files"],
      ["GET", "/v1/assistants"],
      ["POST", "/v1/assistants"],
      ["PUT", "/v1/threads/thread_a"],
      // A malformed escape is the upstream's to answer.
      ["DELETE", "/v1/threads/%E0%A4%A"],
    ] as const) {
      expect({ method, path, route: gatewayRouteFor(method, path) }).toEqual({ method, path, route: { handler: "pass-through" } });
    }
  });
});
