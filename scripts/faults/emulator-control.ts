// The emulator's control endpoints: queue a fault for one create, read the ledger of every
// thread it created. The ledger is the run's ground truth.
import type { Fault, LedgerEntry } from "../../src/emulator/server";

export type EmulatorControl = {
  addFaults(faults: Fault[]): Promise<void>;
  ledger(): Promise<LedgerEntry[]>;
};

export function emulatorControl(url: string): EmulatorControl {
  return {
    async addFaults(faults) {
      if (faults.length === 0) return;
      const response = await fetch(`${url}/__emulator/faults`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(faults),
      });
      if (!response.ok) throw new Error(`The emulator refused faults (${response.status}): ${await response.text()}`);
    },
    async ledger() {
      const response = await fetch(`${url}/__emulator/ledger`);
      if (!response.ok) throw new Error(`The emulator's ledger answered ${response.status}`);
      return ((await response.json()) as { data: LedgerEntry[] }).data;
    },
  };
}

/** The nonce a ledger entry was created for (the run writes it into metadata), if any. */
export function nonceOf(entry: LedgerEntry): string | undefined {
  try {
    const body = JSON.parse(entry.body) as { metadata?: { fault_nonce?: unknown } };
    return typeof body.metadata?.fault_nonce === "string" ? body.metadata.fault_nonce : undefined;
  } catch {
    return undefined;
  }
}
