/**
 * Takes the embedded database's lock through the real function in a process of its own, as a second
 * portal would. `hold <dir>` tries at once. `race <dir>…` is a round per folder: it prints "ready" and
 * opens the FIFO `<dir>/go` for reading, which blocks until the test opens it for writing and then
 * wakes every racer at once; then it tries. Each try prints one line (acquired, locked or error: …);
 * what it won is kept until the process is killed.
 */
import { closeSync, openSync } from "node:fs";
import path from "node:path";
import { acquirePgliteLock, PgliteLockedError } from "../../db/pglite-lock";

const [mode, ...dirs] = process.argv.slice(2);
if ((mode !== "hold" && mode !== "race") || dirs.length === 0) {
  throw new Error("usage: pglite-lock-process hold|race <dir>…");
}
// One exit handler per lock won, and a racer may win several rounds.
process.setMaxListeners(0);
for (const dir of dirs) {
  if (mode === "race") {
    process.stdout.write("ready\n");
    closeSync(openSync(path.join(dir, "go"), "r"));
  }
  try {
    acquirePgliteLock(dir);
    process.stdout.write("acquired\n");
  } catch (error) {
    const locked = error instanceof PgliteLockedError;
    process.stdout.write(locked ? "locked\n" : `error: ${error instanceof Error ? error.message : error}\n`);
  }
}
setInterval(() => {}, 60_000);
