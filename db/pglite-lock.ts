import { randomBytes } from "node:crypto";
import {
  closeSync,
  fstatSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";
import { z } from "zod";

/**
 * PGlite is one process per data folder and does nothing to stop a second one, which would corrupt
 * it. We hold `portal.lock` for the life of the process; a second process finds a live holder and
 * stops before it opens anything, and a lock left by a crash is taken over.
 *
 * A holder is live only if it is the very process that wrote the lock: PIDs are reused after a crash,
 * so the lock records the process's start time and the boot, and a live PID must match both. The lock
 * is created by hard-linking a finished file, so it appears atomically with its content and exactly
 * one newcomer wins. Taking over a stale lock (remove, then create) is not atomic, so it runs under a
 * second lock, the takeover mutex: without it two processes that both judged the same lock stale could
 * each remove the other's fresh lock and both open the folder. That is also why not `proper-lockfile`:
 * its stale takeover removes and re-creates without a second lock, and it judges staleness by an mtime
 * that a timer must keep refreshing.
 */
export function acquirePgliteLock(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, "portal.lock");
  const me: Lock = {
    pid: process.pid,
    start: startTime(process.pid),
    boot: bootId(),
    // realpath, not resolve: a folder reached through a symlink is the same folder.
    dir: realpathSync(dataDir),
    token: randomBytes(16).toString("hex"),
  };
  // Waiting is only ever for the takeover mutex, held for microseconds unless its holder crashed.
  const giveUp = Date.now() + MUTEX_STALE_MS + 5_000;
  let holderPid = 0;
  while (Date.now() < giveUp) {
    if (create(file, me)) return releaser(file, me.token);
    const seen = snapshot(file);
    if (!seen) continue; // released between our attempt and the read
    const holder = parseLock(seen.text);
    holderPid = typeof holder === "number" ? holder : (holder?.pid ?? 0);
    const verdict = judge(holder, me);
    if (verdict === "own") return () => {};
    if (verdict === "live") throw new PgliteLockedError(dataDir, holderPid);
    if (holder === undefined && !stillUnreadable(file, seen)) continue;
    if (takeOver(file, seen, me)) return releaser(file, me.token);
  }
  throw new PgliteLockedError(dataDir, holderPid);
}

export class PgliteLockedError extends Error {
  constructor(dataDir: string, pid: number) {
    super(
      `The embedded database in ${path.resolve(dataDir)} is already in use by process ${pid}. ` +
        "Only one portal process may open it. Stop that process, or set DATABASE_URL to share a PostgreSQL server.",
    );
    this.name = "PgliteLockedError";
  }
}

// A takeover holds the mutex for a few system calls; one this old was left by a crash.
const MUTEX_STALE_MS = 30_000;

const lockSchema = z.object({
  pid: z.number().int().positive(),
  start: z.number().nullable(),
  boot: z.string().nullable().optional(),
  dir: z.string(),
  token: z.string().min(1),
});
type Lock = z.infer<typeof lockSchema>;
type Seen = { ino: number; text: string };

/** A PID alone is the format before start times were recorded; undefined is unreadable. */
function parseLock(text: string): Lock | number | undefined {
  if (/^\d+\s*$/.test(text)) return Number.parseInt(text, 10);
  try {
    const parsed = lockSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

function judge(holder: Lock | number | undefined, me: Lock): "own" | "live" | "stale" {
  if (holder === undefined) return "stale";
  if (typeof holder === "number") return oldFormatLive(holder) ? "live" : "stale";
  // A lock naming another folder came here in a copy of the folder; its writer holds that one.
  if (!sameFolder(holder.dir, me.dir)) return "stale";
  const sameBoot = !holder.boot || !me.boot || holder.boot === me.boot;
  if (holder.pid === me.pid && holder.start === me.start && sameBoot) return "own";
  if (!pidAlive(holder.pid) || !sameBoot) return "stale";
  // Without /proc (macOS) the PID is all there is to check. We do not also ask /proc/<pid>/cmdline for
  // "node": start time and boot already name one process, and process.title rewrites the cmdline.
  if (me.start === null || holder.start === null) return "live";
  const start = startTime(holder.pid);
  // Alive but hidden (/proc mounted with hidepid): we cannot prove it is another process.
  return start === null || start === holder.start ? "live" : "stale";
}

/** An old-format lock (an older portal during an upgrade) holds while its PID is a node process. */
function oldFormatLive(pid: number): boolean {
  if (pid === process.pid || !pidAlive(pid)) return false; // we never write this format
  const cmdline = readProc(`${pid}/cmdline`);
  return cmdline === null || /node|tsx|next/i.test(cmdline);
}

function sameFolder(recorded: string, ours: string): boolean {
  if (recorded === ours) return true;
  try {
    const [a, b] = [statSync(recorded), statSync(ours)];
    return a.dev === b.dev && a.ino === b.ino;
  } catch {
    return false;
  }
}

/** Links a finished file to the lock's name: atomic, and EEXIST while anyone holds it. */
function create(file: string, me: Lock): boolean {
  const temp = `${file}.${me.token}`;
  const content = JSON.stringify(me);
  writeFileSync(temp, content);
  try {
    linkSync(temp, file);
    return true;
  } catch (error) {
    if (code(error) === "EEXIST") return false;
    if (!["EPERM", "ENOTSUP", "EOPNOTSUPP", "ENOSYS"].includes(code(error) ?? "")) throw error;
    // No hard links on this filesystem (some FUSE and SMB mounts). O_EXCL is atomic too; only its
    // content lands a moment later, which the re-read of an unreadable lock allows for.
    try {
      writeFileSync(file, content, { flag: "wx" });
      return true;
    } catch (again) {
      if (code(again) === "EEXIST") return false;
      throw again;
    }
  } finally {
    rmSync(temp, { force: true });
  }
}

/**
 * Our lock links in with its content, so an unreadable one was torn by a crash (or by an older
 * portal's non-atomic write, still in progress): it counts as stale only if it stays so for a moment.
 */
function stillUnreadable(file: string, seen: Seen): boolean {
  sleep(50);
  const again = snapshot(file);
  return again !== undefined && same(again, seen);
}

/** Replaces the stale lock `seen` with ours, one process at a time; false sends the caller round again. */
function takeOver(file: string, seen: Seen, me: Lock): boolean {
  const mutex = `${file}.takeover`;
  try {
    mkdirSync(mutex);
  } catch (error) {
    if (code(error) !== "EEXIST") throw error;
    if (ageMs(mutex) > MUTEX_STALE_MS) rmSync(mutex, { recursive: true, force: true });
    else sleep(20 + Math.random() * 30);
    return false;
  }
  try {
    const now = snapshot(file);
    if (now && same(now, seen)) discard(file, seen, me.token);
    // EEXIST here is a newcomer that linked while the name was free: it holds, and the loop says so.
    return create(file, me);
  } finally {
    rmSync(mutex, { recursive: true, force: true });
  }
}

/**
 * Moves the stale lock aside and checks what it moved before deleting it. Under the mutex that is
 * always the stale lock; but if a mutex is ever broken while its holder still works (two processes
 * breaking one left by a crash at once, or a holder paused past MUTEX_STALE_MS), reading and then
 * unlinking could delete the lock the other had just created. Moving aside lets us put it back.
 */
function discard(file: string, seen: Seen, token: string): void {
  const aside = `${file}.stale.${token}`;
  try {
    renameSync(file, aside);
  } catch (error) {
    if (code(error) === "ENOENT") return;
    throw error;
  }
  const moved = snapshot(aside);
  if (moved && !same(moved, seen)) {
    try {
      linkSync(aside, file);
    } catch {
      // A newcomer took the free name in between; that one holds now.
    }
  }
  rmSync(aside, { force: true });
}

function releaser(file: string, token: string): () => void {
  const release = () => {
    process.off("exit", release);
    try {
      const seen = snapshot(file);
      const lock = seen && parseLock(seen.text);
      if (typeof lock === "object" && lock.token === token) rmSync(file, { force: true });
    } catch {
      // unreadable: nothing of ours to remove
    }
  };
  process.once("exit", release);
  return release;
}

/** The lock's inode and content, read through one descriptor so that both are of the same file. */
function snapshot(file: string): Seen | undefined {
  let fd: number;
  try {
    fd = openSync(file, "r");
  } catch (error) {
    if (code(error) === "ENOENT") return undefined;
    throw error;
  }
  try {
    return { ino: fstatSync(fd).ino, text: readFileSync(fd, "utf8") };
  } finally {
    closeSync(fd);
  }
}

const same = (a: Seen, b: Seen) => a.ino === b.ino && a.text === b.text;

/** Field 22 of /proc/<pid>/stat: the start in clock ticks since boot; null without /proc. */
function startTime(pid: number): number | null {
  const stat = readProc(`${pid}/stat`);
  // The command name (field 2) may hold spaces and parentheses, so count from the last ")".
  const start = Number(stat?.slice(stat.lastIndexOf(")") + 2).split(" ")[19]);
  return Number.isSafeInteger(start) ? start : null;
}

function bootId(): string | null {
  return readProc("sys/kernel/random/boot_id")?.trim() ?? null;
}

function readProc(name: string): string | null {
  try {
    return readFileSync(`/proc/${name}`, "utf8");
  } catch {
    return null;
  }
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return code(error) === "EPERM";
  }
}

function ageMs(dir: string): number {
  try {
    return Date.now() - statSync(dir).mtimeMs;
  } catch {
    return 0; // gone already: retry at once
  }
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

const code = (error: unknown) => (error as NodeJS.ErrnoException).code;
