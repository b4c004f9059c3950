import { spawn, spawnSync } from "node:child_process";
import path from "node:path";
import type { Entitlements, LicenseView } from "@/lib/licenses/server-licenses";
import { expect } from "./fixtures";
import { E2E_BASE_URL, E2E_DIR } from "./run";

const API = `${E2E_BASE_URL}/api/v1/ucserver`;

/** The fields of the protocol's answers that these journeys read. */
export type Answer = {
  token: string;
  server: { name: string; mode: string };
  terms: { required: { kind: string; version: string }[] };
  entitlements: Entitlements;
  version: string;
  licenses: LicenseView[];
};

export async function call(method: string, path: string, body?: unknown, token?: string) {
  const res = await fetch(`${API}${path}`, {
    method,
    headers: {
      ...(body ? { "content-type": "application/json" } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  return {
    status: res.status,
    etag: res.headers.get("etag"),
    json: (await res.json().catch(() => ({}))) as Answer,
  };
}

/**
 * The repo's UCServer simulator (`npm run ucserver`) with this server in its fleet: it connects,
 * accepts the terms and sends a heartbeat every second, until stopped. The journey opens a session
 * of its own beside it to read what the protocol answers.
 */
export async function runUcserver(serverId: string, password: string) {
  const state = path.join(E2E_DIR, `ucserver-${serverId}.json`);
  const cli = (...args: string[]) => [
    "--import",
    "tsx",
    "scripts/ucserver.ts",
    ...args,
    "--url",
    E2E_BASE_URL,
    "--state",
    state,
  ];
  const added = spawnSync(process.execPath, cli("add", "--server-id", serverId, "--password", password), {
    encoding: "utf8",
  });
  expect(added.stdout).toContain(`${serverId} added`);
  const simulator = spawn(
    process.execPath,
    cli("simulate", "--servers", "1", "--interval", "1", "--accept-terms", "--users", "30,12,4"),
    { stdio: "pipe" },
  );
  let output = "";
  simulator.stdout.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  await expect.poll(() => output, { timeout: 20_000 }).toMatch(/heartbeats ok=[1-9]/);
  const session = await call("POST", "/sessions", { serverId, password, ucserverVersion: "6.4.0.1234" });
  expect(session.status).toBe(201);
  return {
    token: session.json.token,
    session: session.json,
    stop: async () => {
      const exited = new Promise((r) => simulator.once("exit", r));
      simulator.kill("SIGTERM");
      await exited;
      expect(output).toContain("ending sessions");
    },
  };
}
