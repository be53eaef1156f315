// Where the end-to-end stack listens; fixed so tests can reach the emulator's controls.
export const APP_PORT = Number(process.env.E2E_PORT ?? 3100);
export const EMULATOR_PORT = Number(process.env.E2E_EMULATOR_PORT ?? 4311);
export const PG_PORT = Number(process.env.E2E_PG_PORT ?? 54341);
export const EMULATOR_URL = `http://127.0.0.1:${EMULATOR_PORT}`;
