import { type ChildProcess, spawn } from "node:child_process";
import { afterAll, describe, expect, it } from "vitest";
import { startTcpProxy } from "@/tests/support/tcp-proxy";
import { type Api, call, heartbeat, makeServer, randomIp } from "./harness";

// The protocol process reaches PostgreSQL through a proxy this test cuts: a database outage under
// heartbeat load, as a restart of the database would look.
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) c.kill("SIGKILL");
});

async function startProtocolProcess(databaseUrl: string) {
  const child = spawn(process.execPath, ["--import", "tsx", "tests/support/protocol-process.ts"], {
    env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: "info" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no port: ${output}`)), 30_000);
    child.stdout!.on("data", () => {
      const m = output.match(/^PORT (\d+)$/m);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
  });
  const api: Api = { url: `http://127.0.0.1:${port}/api/v1/ucserver`, close: async () => {} };
  return { api, output: () => output.replace(/^PORT \d+\n/m, "") };
}

describe("a database outage under heartbeat load", () => {
  it("is logged once when it starts and once when it ends, not per request", {
    timeout: 60_000,
  }, async () => {
    const proxy = await startTcpProxy({ host: "127.0.0.1", port: 5432 });
    const p = await startProtocolProcess(proxy.via(process.env.DATABASE_URL!));
    const s = await makeServer();
    const session = await call(p.api, "POST", "/sessions", {
      body: { serverId: s.serverId, password: s.password, ucserverVersion: "6.4.0.1234" },
      ip: randomIp(),
    });
    expect(session.status).toBe(201);
    const token = (session.json as { token: string }).token;
    let sequence = 0;
    const beat = () => call(p.api, "POST", "/heartbeats", { token, body: heartbeat(++sequence) });
    expect((await beat()).status).toBe(200);

    proxy.cut();
    const statuses: number[] = [];
    for (let round = 0; round < 20; round++) {
      for (const r of await Promise.all(Array.from({ length: 50 }, beat))) statuses.push(r.status);
    }
    expect(statuses.every((c) => c === 503)).toBe(true);
    proxy.restore();
    const until = Date.now() + 20_000;
    let back = 0;
    while (back !== 200 && Date.now() < until) back = (await beat()).status;
    expect(back).toBe(200);
    await proxy.close();

    const lines = p.output().trim().split("\n").filter(Boolean);
    expect(lines.length, p.output().slice(0, 2000)).toBeLessThanOrEqual(4);
    const messages = lines.map((l) => (JSON.parse(l) as { msg: string }).msg);
    expect(messages.filter((m) => m === "database unavailable")).toHaveLength(1);
    expect(messages).toContain("database reachable again");
    expect(p.output()).not.toContain(token);
  });
});
