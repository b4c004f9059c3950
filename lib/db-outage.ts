import { errorFields, log } from "@/lib/log";

// PostgreSQL's connection classes (08: connection exception; 57P01–57P03: the server shutting down
// or not accepting connections yet) and the driver's and system's words for a lost connection.
const DB_DOWN_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "ENOTFOUND",
  "EHOSTUNREACH",
]);
const DB_DOWN_MESSAGE =
  /connection terminated|terminating connection|connection (?:is )?closed|timeout exceeded when trying to connect|client has encountered a connection error|server closed the connection|database system is (?:starting up|shutting down|in recovery)/i;

/** Whether an error means the database cannot be reached (rather than a statement failing). */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (
      typeof code === "string" &&
      (DB_DOWN_CODES.has(code) || code.startsWith("08") || /^57P0[123]$/.test(code))
    ) {
      return true;
    }
    if (typeof message === "string" && DB_DOWN_MESSAGE.test(message)) return true;
  }
  return false;
}

const REPEAT_MS = 30_000;

/**
 * One log line when the database becomes unreachable, one every 30 s while it stays so (with how
 * many requests failed meanwhile), and one when it answers again: an outage under heartbeat load
 * would otherwise write a line, or a dump, per request. Per process, which is what the log is.
 */
export class OutageLog {
  private since: number | null = null;
  private failed = 0;
  private lastLine = 0;

  constructor(private readonly area: string) {}

  failure(error: unknown): void {
    const now = Date.now();
    this.failed++;
    if (this.since === null) {
      this.since = now;
      this.lastLine = now;
      log(this.area).error(errorFields(error), "database unavailable");
    } else if (now - this.lastLine >= REPEAT_MS) {
      this.lastLine = now;
      log(this.area).error(
        { failedRequests: this.failed, forSeconds: Math.round((now - this.since) / 1000) },
        "database still unavailable",
      );
    }
  }

  /** Cheap when nothing was wrong: called on every success. */
  success(): void {
    if (this.since === null) return;
    log(this.area).warn(
      { failedRequests: this.failed, forSeconds: Math.round((Date.now() - this.since) / 1000) },
      "database reachable again",
    );
    this.since = null;
    this.failed = 0;
  }
}
