import type { CheckerConfig, RunChecksOptions } from "@/lib/connectivity/checks";
import type { CheckRunner } from "@/lib/connectivity/run-connectivity-checks";
import type { CheckId, CheckResult, CheckState, ConnectivityInputs } from "@/lib/connectivity/types";
import { insertServer } from "@/lib/servers/insert-server";
import { db } from "@/tests/setup/db";
import * as f from "@/tests/setup/factories";

/** An organisation with an owner, an admin and a member, and one server of its own. */
export async function orgWithServer() {
  const people = await f.makeOrgWithPeople();
  const { server } = await insertServer(db, {
    name: `Zentrale ${f.uniq()}`,
    origin: "portal",
    organisationId: people.org.id,
  });
  return { ...people, server };
}

/** The assistant form for a reverse proxy with nginx, as a browser would send it (strings). */
export function proxyForm(server: string, over: Record<string, string> = {}) {
  return {
    server,
    scenario: "proxy",
    proxyKind: "nginx",
    publicHost: "ucserver.example.com",
    publicPort: "443",
    internalAddress: "192.168.1.20",
    internalHttpPort: "7224",
    internalHttpsPort: "7225",
    ...over,
  };
}

/** The checker's settings for tests that never reach the network (the runner is a stub). */
export const offlineConfig: CheckerConfig = { allow: [], timeoutMs: 500 };

type Verdict = [CheckState, string] | CheckState;

/**
 * A check runner that answers from a table instead of the network: each check of the inputs' list
 * gets `states[check]` (green `ok` when absent). Records what it was called with, to show what the
 * use cases hand the checker (the TURN secret, for one).
 */
export function stubRunner(states: Partial<Record<CheckId, Verdict>> = {}) {
  const calls: { inputs: ConnectivityInputs; options: RunChecksOptions }[] = [];
  const ids = (inputs: ConnectivityInputs): CheckId[] =>
    inputs.scenario === "own-turn"
      ? ["dns-a", "dns-srv", "tls", "websocket", "stun", "turn"]
      : inputs.scenario === "lan" || inputs.scenario === "ucconnect"
        ? []
        : ["dns-a", "dns-srv", "tls", "websocket"];
  const runner: CheckRunner = async (inputs, options) => {
    calls.push({ inputs, options });
    return ids(inputs).map((check): CheckResult => {
      const v = states[check] ?? "green";
      const [state, reason] = Array.isArray(v) ? v : [v, v === "green" ? "ok" : "error"];
      const turnWithoutSecret = check === "turn" && !options.turnSecret;
      return turnWithoutSecret
        ? { check, state: "skipped", reason: "needs-secret", seen: {}, durationMs: 1 }
        : { check, state, reason, seen: { host: inputs.publicHost ?? null }, durationMs: 3 };
    });
  };
  return { runner, calls, set: (next: Partial<Record<CheckId, Verdict>>) => Object.assign(states, next) };
}
