import type { CheckId, CheckResult, CheckState, ConnectivityInputs } from "../types";
import type { CheckerConfig } from "./config";

export type Seen = CheckResult["seen"];

/** What a check run gets besides the inputs. The TURN secret is for this run only, never stored. */
export type CheckContext = { config: CheckerConfig; turnSecret?: string };

export type Check = (inputs: ConnectivityInputs, ctx: CheckContext) => Promise<CheckResult>;

/** A check's verdict before timing is added. */
export type Outcome = { state: CheckState; reason: string; seen: Seen };

export const green = (seen: Seen = {}): Outcome => ({ state: "green", reason: "ok", seen });
export const amber = (reason: string, seen: Seen = {}): Outcome => ({ state: "amber", reason, seen });
export const red = (reason: string, seen: Seen = {}): Outcome => ({ state: "red", reason, seen });
export const skipped = (reason: string, seen: Seen = {}): Outcome => ({ state: "skipped", reason, seen });

/** Error codes from node:net, node:tls and node:dns, folded into the few reasons the UI explains. */
const REASONS: Record<string, string> = {
  ECONNREFUSED: "refused",
  ETIMEDOUT: "timeout",
  ETIMEOUT: "timeout",
  ECONNRESET: "reset",
  EPIPE: "reset",
  EHOSTUNREACH: "unreachable",
  ENETUNREACH: "unreachable",
  EADDRNOTAVAIL: "unreachable",
  ENOTFOUND: "dns-error",
  ENODATA: "dns-error",
  ESERVFAIL: "dns-error",
  EREFUSED: "dns-error",
  EPROTO: "tls-error",
};

/** An error's stable code, or `error` when it has none (never its message: that is not ours to show). */
export function errorCode(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : "error";
}

/** The reason code for a failed network step. */
export function reasonFor(err: unknown): string {
  const code = errorCode(err);
  if (REASONS[code]) return REASONS[code];
  if (code.startsWith("ERR_SSL_") || code.startsWith("ERR_TLS_")) return "tls-error";
  return "error";
}

/** An error made to carry one of the codes above, for timeouts the checks detect themselves. */
export function codedError(code: string): Error {
  return Object.assign(new Error(code), { code });
}

/**
 * Wraps a check body: times it, turns anything it throws into a red result with a stable code, and
 * gives up after `limitMs` so one hung peer never holds a whole run (every step has its own shorter
 * timeout; this is the backstop).
 */
export function defineCheck(
  id: CheckId,
  limitSteps: number,
  body: (inputs: ConnectivityInputs, ctx: CheckContext) => Promise<Outcome>,
): Check {
  return async (inputs, ctx) => {
    const started = performance.now();
    let timer: NodeJS.Timeout | undefined;
    const backstop = new Promise<Outcome>((resolve) => {
      timer = setTimeout(() => resolve(red("timeout")), ctx.config.timeoutMs * limitSteps + 250);
    });
    const outcome = await Promise.race([
      body(inputs, ctx).catch((err: unknown) => red(reasonFor(err), { code: errorCode(err) })),
      backstop,
    ]);
    clearTimeout(timer);
    return { check: id, ...outcome, durationMs: Math.round(performance.now() - started) };
  };
}
