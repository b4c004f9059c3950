import { describe, expect, it } from "vitest";
import { GroupCommit } from "@/lib/heartbeats/group-commit";

/** A write whose calls are recorded and finish only when the test says so. */
function controlledWrite() {
  const calls: { inputs: number[]; finish: (fail?: Error) => void }[] = [];
  const write = (inputs: number[]) =>
    new Promise<string[]>((resolve, reject) => {
      calls.push({
        inputs,
        finish: (fail) => (fail ? reject(fail) : resolve(inputs.map((i) => `done ${i}`))),
      });
    });
  return { calls, write };
}

const tick = () => new Promise((r) => setImmediate(r));

describe("group commit", () => {
  it("writes an item alone and at once when nothing is in flight", async () => {
    const { calls, write } = controlledWrite();
    const gc = new GroupCommit(write, { maxBatch: 10, maxInFlight: 1 });
    const a = gc.submit(1);
    await tick();
    expect(calls.map((c) => c.inputs)).toEqual([[1]]);
    calls[0]!.finish();
    expect(await a).toBe("done 1");
  });

  it("puts what arrives while a write is in flight into one next write, in order and bounded", async () => {
    const { calls, write } = controlledWrite();
    const gc = new GroupCommit(write, { maxBatch: 3, maxInFlight: 1 });
    const first = gc.submit(0);
    await tick();
    const rest = [1, 2, 3, 4, 5].map((i) => gc.submit(i));
    await tick();
    expect(calls).toHaveLength(1);
    calls[0]!.finish();
    await first;
    await tick();
    expect(calls.map((c) => c.inputs)).toEqual([[0], [1, 2, 3]]);
    calls[1]!.finish();
    await tick();
    expect(calls.map((c) => c.inputs)).toEqual([[0], [1, 2, 3], [4, 5]]);
    calls[2]!.finish();
    expect(await Promise.all(rest)).toEqual(["done 1", "done 2", "done 3", "done 4", "done 5"]);
  });

  it("items submitted in the same turn share a write", async () => {
    const { calls, write } = controlledWrite();
    const gc = new GroupCommit(write, { maxBatch: 10, maxInFlight: 1 });
    const all = [1, 2, 3].map((i) => gc.submit(i));
    await tick();
    expect(calls.map((c) => c.inputs)).toEqual([[1, 2, 3]]);
    calls[0]!.finish();
    expect(await Promise.all(all)).toEqual(["done 1", "done 2", "done 3"]);
  });

  it("runs at most maxInFlight writes at once", async () => {
    const { calls, write } = controlledWrite();
    const gc = new GroupCommit(write, { maxBatch: 1, maxInFlight: 2 });
    const all = [1, 2, 3].map((i) => gc.submit(i));
    await tick();
    expect(calls.map((c) => c.inputs)).toEqual([[1], [2]]);
    calls[1]!.finish();
    await all[1];
    await tick();
    expect(calls.map((c) => c.inputs)).toEqual([[1], [2], [3]]);
    calls[0]!.finish();
    calls[2]!.finish();
    expect(await Promise.all(all)).toEqual(["done 1", "done 2", "done 3"]);
  });

  it("a failed write rejects its own items only and the next batch still goes out", async () => {
    const { calls, write } = controlledWrite();
    const gc = new GroupCommit(write, { maxBatch: 10, maxInFlight: 1 });
    const failing = [gc.submit(1), gc.submit(2)];
    await tick();
    const later = gc.submit(3);
    calls[0]!.finish(new Error("boom"));
    for (const p of failing) await expect(p).rejects.toThrow("boom");
    await tick();
    expect(calls.map((c) => c.inputs)).toEqual([[1, 2], [3]]);
    calls[1]!.finish();
    expect(await later).toBe("done 3");
  });

  it("a write that stalls holds up only its own batch: after stallMs the next one goes out", async () => {
    const { calls, write } = controlledWrite();
    const gc = new GroupCommit(write, { maxBatch: 10, maxInFlight: 1, stallMs: 50 });
    const stuck = gc.submit(1);
    await tick();
    const next = gc.submit(2);
    await tick();
    expect(calls).toHaveLength(1);
    await new Promise((r) => setTimeout(r, 80));
    expect(calls.map((c) => c.inputs)).toEqual([[1], [2]]);
    calls[1]!.finish();
    expect(await next).toBe("done 2");
    // The stalled one still finishes and answers, and does not free a second slot when it does.
    calls[0]!.finish();
    expect(await stuck).toBe("done 1");
    const a = gc.submit(3);
    await tick();
    const b = gc.submit(4);
    await tick();
    expect(calls.map((c) => c.inputs)).toEqual([[1], [2], [3]]);
    calls[2]!.finish();
    expect(await a).toBe("done 3");
    await tick();
    expect(calls.map((c) => c.inputs)).toEqual([[1], [2], [3], [4]]);
    calls[3]!.finish();
    expect(await b).toBe("done 4");
  });
});
