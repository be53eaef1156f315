import { describe, expect, it } from "vitest";
import { withDatabaseRetry } from "./durable-write";

const refused = () => Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });

describe("withDatabaseRetry", () => {
  it("tries again while the database is unreachable, then returns the write's result", async () => {
    let calls = 0;
    const result = await withDatabaseRetry(async () => {
      calls += 1;
      if (calls < 3) throw refused();
      return "stored";
    });
    expect(result).toBe("stored");
    expect(calls).toBe(3);
  });

  it("returns what is already stored when a lost connection hid a successful commit", async () => {
    let calls = 0;
    const result = await withDatabaseRetry(
      async () => {
        calls += 1;
        throw calls === 1 ? refused() : new Error("Unique constraint failed");
      },
      { alreadyDone: async () => "stored earlier" },
    );
    expect(result).toBe("stored earlier");
    expect(calls).toBe(1);
  });

  it("does not retry a failure that is not about reaching the database", async () => {
    let calls = 0;
    await expect(
      withDatabaseRetry(async () => {
        calls += 1;
        throw new Error("Unique constraint failed");
      }),
    ).rejects.toThrow("Unique constraint");
    expect(calls).toBe(1);
  });

  it("gives up once its window has passed", async () => {
    await expect(withDatabaseRetry(async () => Promise.reject(refused()), { windowMs: 300 })).rejects.toThrow("ECONNREFUSED");
  });
});
