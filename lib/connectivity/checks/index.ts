import type { CheckId, CheckResult, ConnectivityInputs, Scenario } from "../types";
import type { CheckerConfig } from "./config";
import { dnsACheck } from "./dns-a";
import { dnsSrvCheck } from "./dns-srv";
import type { Check } from "./result";
import { stunCheck } from "./stun";
import { tlsCheck } from "./tls";
import { turnCheck } from "./turn";
import { websocketCheck } from "./websocket";

export { type CheckerConfig, checkerConfig } from "./config";
export { checkAddress, parseAllowList } from "./guard";
export type { CheckContext } from "./result";

const PUBLISHED: CheckId[] = ["dns-a", "dns-srv", "tls", "websocket"];

/**
 * Which checks a scenario gets, in the order the UI lists them. `push` ends every list: it is not a
 * network check from here but the UCServer's own heartbeat, shown beside the others.
 */
const BY_SCENARIO: Record<Scenario, CheckId[]> = {
  lan: ["push"],
  ucconnect: ["push"],
  forwarding: [...PUBLISHED, "push"],
  proxy: [...PUBLISHED, "push"],
  dmz: [...PUBLISHED, "push"],
  "own-turn": [...PUBLISHED, "stun", "turn", "push"],
};

/** The checks for these inputs, `push` included (derived from heartbeats, not run here). */
export function checksFor(inputs: ConnectivityInputs): CheckId[] {
  return [...BY_SCENARIO[inputs.scenario]];
}

const NETWORK: Partial<Record<CheckId, Check>> = {
  "dns-a": dnsACheck,
  "dns-srv": dnsSrvCheck,
  tls: tlsCheck,
  websocket: websocketCheck,
  stun: stunCheck,
  turn: turnCheck,
};

export type RunChecksOptions = {
  config: CheckerConfig;
  /** The customer's TURN secret for this run only; without it the TURN check is skipped. */
  turnSecret?: string;
  /** Run only these checks (still in checksFor's order). */
  only?: CheckId[];
};

/**
 * Runs the scenario's network checks concurrently and returns their results in checksFor's order
 * (without `push`). Never throws: every failure is a red result with a reason code. Checks that
 * need the public name resolve it themselves, so when the A record is gone they fail with their
 * own `dns-error`/`blocked-address` rather than being hidden.
 */
export async function runChecks(
  inputs: ConnectivityInputs,
  options: RunChecksOptions,
): Promise<CheckResult[]> {
  const ids = checksFor(inputs).filter((id) => !options.only || options.only.includes(id));
  const ctx = { config: options.config, turnSecret: options.turnSecret };
  const runs = ids.flatMap((id) => {
    const check = NETWORK[id];
    return check ? [check(inputs, ctx)] : [];
  });
  return Promise.all(runs);
}
