// The package ships no types; only what src/test/global-setup.ts calls is declared.
declare module "async-exit-hook" {
  const exitHook: { unhookEvent(event: string): void };
  export default exitHook;
}
