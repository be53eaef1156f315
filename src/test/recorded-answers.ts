// Thread objects as compatible servers answer them, kept as sent (whitespace, key order,
// extra fields): the cases Spool must record without losing anything.

export type RecordedAnswer = {
  server: string;
  /** Where the body comes from. */
  source: string;
  body: string;
  /** What Spool should make of it. */
  expected: { id: string; createdAt: number; metadata: Record<string, string>; toolResources: Record<string, unknown> | null };
};

export const RECORDED_ANSWERS: RecordedAnswer[] = [
  {
    server: "Alibaba Cloud Model Studio",
    source: "https://www.alibabacloud.com/help/en/model-studio/thread (Create a thread, Response)",
    // Milliseconds, a UUID-style id, an extra request_id and no tool_resources.
    body: `{
    "id": "thread_e99a9fe7-0433-426f-98ad-a5139c36579c",
    "object": "thread",
    "created_at": 1711448377850,
    "metadata": {},
    "request_id": "dd9489ec-dbdb-95d4-9ff8-cfe29b61db27"
}`,
    expected: { id: "thread_e99a9fe7-0433-426f-98ad-a5139c36579c", createdAt: 1711448377, metadata: {}, toolResources: null },
  },
  {
    server: "a Responses-backed Assistants shim",
    // Constructed, not captured: no such shim was reachable from where this was written.
    source: "constructed in the shape of shims that map Threads onto the Responses API: metadata null, no tool_resources, fields of their own",
    body: `{"object":"thread","id":"thread_resp_68a1f0c2e4b8819a9c0d3f7e21b45a6c","created_at":1764633600,"metadata":null,"conversation_id":"conv_68a1f0c2e4b8819a","x_shim":{"backend":"responses","version":"0.4.1"}}`,
    expected: { id: "thread_resp_68a1f0c2e4b8819a9c0d3f7e21b45a6c", createdAt: 1764633600, metadata: {}, toolResources: null },
  },
  {
    server: "Spool's emulator (OpenAI's own shape)",
    source: "src/emulator (POST /v1/threads), metadata keys in the order they were sent",
    body: `{"id":"thread_a1B2c3D4e5F6g7H8i9J0k1L2","object":"thread","created_at":1764633601,"metadata":{"zeta":"last alphabetically","b":"short","alpha":"first alphabetically"},"tool_resources":{"code_interpreter":{"file_ids":["file-abc"]}}}`,
    expected: {
      id: "thread_a1B2c3D4e5F6g7H8i9J0k1L2",
      createdAt: 1764633601,
      metadata: { zeta: "last alphabetically", b: "short", alpha: "first alphabetically" },
      toolResources: { code_interpreter: { file_ids: ["file-abc"] } },
    },
  },
];
