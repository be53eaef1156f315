// An Assistants-compatible server that answers with recorded bodies, byte for byte: what
// another vendor's server sent, replayed through Spool's real create, import and refresh.
import http from "node:http";
import type { AddressInfo } from "node:net";

export type ScriptedAnswer = { status?: number; body: string };
export type ScriptedUpstream = {
  baseURL: string;
  /** The next request to any thread endpoint gets this answer. */
  answerNext(answer: ScriptedAnswer): void;
  requests: Array<{ method: string; path: string; body: string }>;
  close(): Promise<void>;
};

export async function startScriptedUpstream(): Promise<ScriptedUpstream> {
  const queue: ScriptedAnswer[] = [];
  const requests: ScriptedUpstream["requests"] = [];
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    requests.push({ method: req.method ?? "", path: req.url ?? "", body: Buffer.concat(chunks).toString("utf8") });
    const answer = queue.shift();
    if (!answer) {
      res.writeHead(500, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { message: "The scripted upstream has no answer queued.", type: "server_error" } }));
      return;
    }
    res.writeHead(answer.status ?? 200, { "content-type": "application/json" });
    res.end(answer.body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    answerNext: (answer) => queue.push(answer),
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
