// Runs the OpenAI threads emulator on its own, e.g. for `next dev` without an OPENAI_API_KEY:
//   tsx scripts/emulator.ts [--port N] [--host H] [--state FILE]
// Prints the base URL (what OPENAI_BASE_URL should be) on stdout; Ctrl-C stops it.
import { parseArgs } from "node:util";
import { startEmulator } from "../src/emulator/server";

const { values } = parseArgs({
  options: {
    port: { type: "string" },
    host: { type: "string" },
    state: { type: "string" },
  },
});

const port = values.port === undefined ? 0 : Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`Invalid --port: ${values.port}`);
  process.exit(2);
}

const emulator = await startEmulator({ port, host: values.host, stateFile: values.state });
console.log(emulator.baseURL);
console.error(
  `OpenAI threads emulator listening (control: ${emulator.url}/__emulator/health${values.state ? `, state: ${values.state}` : ""}). Ctrl-C to stop.`,
);

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (stopping) process.exit(1); // a second Ctrl-C means "now"
    stopping = true;
    emulator.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  });
}
