import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import {
  closeSync,
  constants,
  existsSync,
  mkdtempSync,
  openSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { afterEach, describe, expect, it } from "vitest";
import { acquirePgliteLock, PgliteLockedError } from "@/db/pglite-lock";

/**
 * The embedded database's folder lock: a crash leaves its lock behind with a PID that the system may
 * give to anything later, and several portals may start on one folder at once (a restart loop, a
 * second unit); whatever happens, at most one process may hold the folder.
 */
const script = path.resolve("tests/support/pglite-lock-process.ts");
const children: ChildProcess[] = [];
const dirs: string[] = [];

afterEach(() => {
  for (const c of children.splice(0)) c.kill("SIGKILL");
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function dataDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "portal-lock-"));
  dirs.push(dir);
  return dir;
}

const lockOf = (dir: string) => path.join(dir, "portal.lock");

/** A child that takes the lock through the real function; `line()` is its next line of output. */
function lockProcess(args: string[]) {
  const child = spawn(process.execPath, ["--import", "tsx", script, ...args], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  children.push(child);
  const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  return { child, line: async () => String((await lines.next()).value) };
}

function live(command: string, args: string[]): number {
  const child = spawn(command, args, { stdio: "ignore" });
  children.push(child);
  return child.pid!;
}

/**
 * Opening a FIFO for writing wakes every process blocked opening it for reading, all at once: a
 * starting gun. Non-blocking, so that a racer that died cannot hang the test (ENXIO: no reader yet).
 */
async function openForWriting(fifo: string): Promise<number> {
  for (const end = Date.now() + 5_000; ; await new Promise((r) => setTimeout(r, 1))) {
    try {
      return openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENXIO" || Date.now() > end) throw error;
    }
  }
}

/** A PID that belonged to a process which has exited. */
const deadPid = () => spawnSync("true").pid;

describe("embedded database lock", () => {
  it("takes over a lock whose PID now belongs to an unrelated live process", () => {
    const dir = dataDir();
    const pid = live("sleep", ["30"]);
    // The format before start times were recorded: just the PID, and `sleep` is no portal.
    writeFileSync(lockOf(dir), String(pid));
    expect(() => acquirePgliteLock(dir)()).not.toThrow();

    // The new format with a start time that is not that process's: the PID was reused.
    writeFileSync(
      lockOf(dir),
      JSON.stringify({ pid, start: 1, dir: realpathSync(dir), token: "0".repeat(32) }),
    );
    const release = acquirePgliteLock(dir);
    expect(JSON.parse(readFileSync(lockOf(dir), "utf8"))).toMatchObject({ pid: process.pid });
    release();
  });

  it("refuses while a live portal process holds the lock", async () => {
    const dir = dataDir();
    const holder = lockProcess(["hold", dir]);
    expect(await holder.line()).toBe("acquired");
    const recorded = JSON.parse(readFileSync(lockOf(dir), "utf8"));
    expect(recorded).toMatchObject({ pid: holder.child.pid, dir: realpathSync(dir) });
    expect(() => acquirePgliteLock(dir)).toThrow(PgliteLockedError);
    expect(() => acquirePgliteLock(dir)).toThrow(`in use by process ${holder.child.pid}.`);
    expect(readFileSync(lockOf(dir), "utf8")).toBe(JSON.stringify(recorded));
  });

  it("refuses a lock in the old format while its PID is a live node process (an older portal)", () => {
    const dir = dataDir();
    const pid = live(process.execPath, ["-e", "setTimeout(() => {}, 30_000)"]);
    writeFileSync(lockOf(dir), String(pid));
    expect(() => acquirePgliteLock(dir)).toThrow(`in use by process ${pid}.`);
  });

  it("lets exactly one of eight processes take over a stale lock at the same instant", {
    timeout: 30_000,
  }, async () => {
    const rounds = Array.from({ length: 20 }, (_, round) => {
      const dir = dataDir();
      const stale = deadPid();
      writeFileSync(
        lockOf(dir),
        round % 2
          ? String(stale)
          : JSON.stringify({ pid: stale, start: 1, dir: realpathSync(dir), token: "1".repeat(32) }),
      );
      expect(spawnSync("mkfifo", [path.join(dir, "go")]).status).toBe(0);
      return dir;
    });
    // The same eight processes race in every round (a folder each), so that only one start-up is paid.
    const racers = Array.from({ length: 8 }, () => lockProcess(["race", ...rounds]));
    for (const [round, dir] of rounds.entries()) {
      for (const r of racers) expect(await r.line()).toBe("ready");
      // A moment for the last to print "ready" to be blocked in its open too.
      await new Promise((r) => setTimeout(r, 10));
      const go = await openForWriting(path.join(dir, "go"));
      const results = await Promise.all(racers.map((r) => r.line()));
      closeSync(go);
      expect(results.sort(), `round ${round}`).toEqual(["acquired", ...Array(7).fill("locked")]);
    }
  });

  it("releases only its own lock, after which another process acquires", async () => {
    const dir = dataDir();
    const first = acquirePgliteLock(dir);
    // Again in the same process: nothing to take, and nothing to give back.
    acquirePgliteLock(dir)();
    expect(existsSync(lockOf(dir))).toBe(true);
    first();
    expect(existsSync(lockOf(dir))).toBe(false);

    const second = acquirePgliteLock(dir);
    // A release left over from the earlier acquisition (say, closeDb then the exit handler) is spent.
    first();
    expect(existsSync(lockOf(dir))).toBe(true);
    // A lock that is not ours any more stays.
    const ours = JSON.parse(readFileSync(lockOf(dir), "utf8"));
    writeFileSync(lockOf(dir), JSON.stringify({ ...ours, token: "f".repeat(32) }));
    second();
    expect(existsSync(lockOf(dir))).toBe(true);
    rmSync(lockOf(dir));

    acquirePgliteLock(dir)();
    expect(existsSync(lockOf(dir))).toBe(false);
    expect(await lockProcess(["hold", dir]).line()).toBe("acquired");
  });
});
