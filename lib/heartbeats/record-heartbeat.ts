import type { DbOrTx } from "@/db/client";
import { isDatabaseUnavailable } from "@/lib/db-outage";
import { errorFields, log } from "@/lib/log";
import { GroupCommit } from "./group-commit";
import {
  type HeartbeatInput,
  type HeartbeatOutcome,
  type HeartbeatResult,
  writeHeartbeats,
} from "./write-heartbeats";

export type { HeartbeatInput, HeartbeatResult } from "./write-heartbeats";

// Measured with `npm run bench:heartbeats` (50 connections, 2 cores): one statement in flight at a
// time, carrying whatever queued up meanwhile, costs PostgreSQL far less per heartbeat than one
// statement and one commit each, and keeps the statement's latency, not a timer, as the only wait.
// A batch is bounded so that its statement stays short and its answer arrives in one piece.
const OPTIONS = { maxBatch: 200, maxInFlight: 1 };

/**
 * One batch, never waiting for a row lock (see write-heartbeats.ts). If the statement fails, every
 * heartbeat of it is tried again on its own, so that one the database refuses cannot fail the
 * others: only a heartbeat that fails by itself ends in an error. A database that cannot be reached
 * fails the batch at once: trying each heartbeat again would only multiply the load on its way back.
 */
async function writeBatch(db: DbOrTx, inputs: HeartbeatInput[]): Promise<HeartbeatOutcome[]> {
  try {
    return await writeHeartbeats(db, inputs, { skipLocked: true });
  } catch (error) {
    if (isDatabaseUnavailable(error)) throw error;
    log("heartbeats", { batch: inputs.length }).warn(errorFields(error), "batch failed, writing one by one");
    return inputs.map(() => "retry");
  }
}

const batchers = new WeakMap<object, GroupCommit<HeartbeatInput, HeartbeatOutcome>>();

/**
 * Records one heartbeat for the session behind `token`. Returns null when the token is not a live
 * session's (the caller answers 401). A replayed sequence returns the same answer and records
 * nothing. Heartbeats that arrive while others are being written are written together (group
 * commit); one that the batch could not write (its server row locked by another transaction, or
 * the batch failed) is written on its own outside the batch, so it holds up no other.
 */
export async function recordHeartbeat(db: DbOrTx, input: HeartbeatInput): Promise<HeartbeatResult | null> {
  let batcher = batchers.get(db);
  if (!batcher) {
    batcher = new GroupCommit((inputs) => writeBatch(db, inputs), OPTIONS);
    batchers.set(db, batcher);
  }
  const outcome = await batcher.submit(input);
  if (outcome !== "retry") return outcome;
  const [alone] = await writeHeartbeats(db, [input], { skipLocked: false });
  return alone === "retry" || alone === undefined ? null : alone;
}
