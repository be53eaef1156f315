// Target (b) of `npm run bench:create`: the least a server in front of the upstream can do.
// A node:http server that forwards POST /threads to the upstream and pipes the answer back,
// headers and all; no parsing, no checks. Run as its own process:
//   tsx scripts/bench/bare-forwarder.ts --port N --upstream http://127.0.0.1:M/v1
import { Agent, createServer, request } from "node:http";
import { parseArgs } from "node:util";

const { values } = parseArgs({ options: { port: { type: "string" }, upstream: { type: "string" } } });
const port = Number(values.port);
if (!Number.isInteger(port) || port <= 0 || !values.upstream) {
  console.error("usage: bare-forwarder.ts --port N --upstream URL");
  process.exit(2);
}
const upstream = new URL(`${values.upstream.replace(/\/$/, "")}/threads`);
// Kept-alive connections, as the SDK's own fetch keeps them in the other targets.
const agent = new Agent({ keepAlive: true });

const server = createServer((incoming, outgoing) => {
  if (incoming.method !== "POST" || incoming.url !== "/threads") {
    outgoing.writeHead(404).end();
    return;
  }
  const forwarded = request(
    upstream,
    { method: "POST", agent, headers: { ...incoming.headers, host: upstream.host } },
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
server.listen(port, "127.0.0.1", () => console.log(`bare forwarder on http://127.0.0.1:${port} → ${upstream.href}`));

for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.close(() => process.exit(0)));
