// Targets of `npm run bench:create`: the least a server in front of the upstream can do.
// A node:http server that forwards every request to the same path under the upstream's base
// URL and pipes the answer back, headers and all; no parsing, no checks. The create targets
// send it `POST /threads`; the pass-through's reference sends the SDK's `GET /threads/{id}`.
// Run as its own process:
//   tsx scripts/bench/bare-forwarder.ts --port N --upstream http://127.0.0.1:M/v1
import { Agent, createServer, request } from "node:http";
import { parseArgs } from "node:util";

const { values } = parseArgs({ options: { port: { type: "string" }, upstream: { type: "string" } } });
const port = Number(values.port);
if (!Number.isInteger(port) || port <= 0 || !values.upstream) {
  console.error("usage: bare-forwarder.ts --port N --upstream URL");
  process.exit(2);
}
const base = values.upstream.replace(/\/$/, "");
// Kept-alive connections, as the SDK's own fetch keeps them in the other targets. `timeout`
// makes Node's agent honour the emulator's `Keep-Alive: timeout=5` (an idle connection is
// closed a second before the emulator would close it); without it, the agent could send on a
// connection the emulator was closing, and the reference answered 502 now and then.
const agent = new Agent({ keepAlive: true, timeout: 60_000 });

const server = createServer((incoming, outgoing) => {
  const upstream = new URL(`${base}${incoming.url ?? "/"}`);
  const forwarded = request(
    upstream,
    { method: incoming.method, agent, headers: { ...incoming.headers, host: upstream.host } },
    (answer) => {
      outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(outgoing);
    },
  );
  forwarded.on("error", () => {
    if (!outgoing.headersSent) outgoing.writeHead(502);
    outgoing.end();
  });
  incoming.pipe(forwarded);
});
server.keepAliveTimeout = 60_000;
server.listen(port, "127.0.0.1", () => console.log(`bare forwarder on http://127.0.0.1:${port} → ${base}`));

for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.close(() => process.exit(0)));
