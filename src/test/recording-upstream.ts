// A test upstream in front of the emulator: it keeps every request exactly as it arrived
// (headers and body bytes) and every answer exactly as it left, answers what the emulator
// cannot (runs, files, messages) from a script, and passes the rest to the emulator.
import { createHash } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

export type Received = { method: string; path: string; headers: Record<string, string>; body: Buffer };
export type Answered = { status: number; headers: Record<string, string>; body: string };
export type Exchange = { received: Received; answered: Answered | null };

/** Writes a scripted answer; `res` may stream (runs with `stream: true`). */
export type Script = (request: Received, res: http.ServerResponse) => Promise<boolean> | boolean;

export type RecordingUpstream = {
  baseURL: string;
  exchanges: Exchange[];
  script(handler: Script): void;
  close(): Promise<void>;
};

export async function startRecordingUpstream(emulatorUrl: string): Promise<RecordingUpstream> {
  const exchanges: Exchange[] = [];
  const scripts: Script[] = [];
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const received: Received = {
      method: req.method ?? "GET",
      path: req.url ?? "/",
      headers: Object.fromEntries(Object.entries(req.headers).map(([name, value]) => [name, String(value)])),
      body: Buffer.concat(chunks),
    };
    const exchange: Exchange = { received, answered: null };
    exchanges.push(exchange);
    for (const script of scripts) {
      if (await script(received, res)) return;
    }
    // The emulator, over HTTP; its faults (a dropped connection) reach Spool as they are.
    let answer: Response;
    try {
      answer = await fetch(`${emulatorUrl}${received.path}`, {
        method: received.method,
        headers: Object.entries(received.headers).filter(([name]) => !["host", "connection", "content-length"].includes(name)),
        body: received.body.length > 0 ? new Uint8Array(received.body) : undefined,
      });
    } catch {
      res.destroy();
      return;
    }
    const body = await answer.text().catch(() => null);
    if (body === null) {
      res.destroy();
      return;
    }
    const headers = Object.fromEntries([...answer.headers].filter(([name]) => !["content-length", "connection", "keep-alive", "transfer-encoding"].includes(name)));
    exchange.answered = { status: answer.status, headers, body };
    res.writeHead(answer.status, headers).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    exchanges,
    script: (handler) => scripts.push(handler),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function sha256(bytes: Uint8Array | string): string {
  return createHash("sha256").update(bytes).digest("hex");
}
