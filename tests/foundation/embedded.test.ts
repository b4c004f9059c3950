import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

/**
 * The newcomer's path: no DATABASE_URL, so the portal runs on PGlite in its data folder, migrates,
 * seeds the demo accounts, and guards the folder against a second process.
 */
const dataDir = mkdtempSync(path.join(tmpdir(), "portal-embedded-"));
const port = 3200 + Math.floor(Math.random() * 500);
const base = `http://127.0.0.1:${port}`;
const children: ChildProcess[] = [];

function start(extraEnv: Record<string, string> = {}) {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    PORT: String(port),
    APP_URL: base,
    NODE_ENV: "production",
    ...extraEnv,
  };
  delete env.DATABASE_URL;
  delete env.AUTH_SECRET;
  delete env.SMTP_URL;
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (d) => (output += d));
  child.stderr?.on("data", (d) => (output += d));
  children.push(child);
  return { child, output: () => output };
}

async function until<T>(fn: () => Promise<T | undefined>, ms: number): Promise<T> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const v = await fn().catch(() => undefined);
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error("timed out");
}

afterAll(async () => {
  for (const c of children) c.kill("SIGTERM");
  await new Promise((r) => setTimeout(r, 500));
  rmSync(dataDir, { recursive: true, force: true });
});

describe("embedded database", () => {
  it("starts on PGlite, seeds demo data, serves sign-in and health, and a second process stops at once", {
    timeout: 240_000,
  }, async () => {
    const first = start();
    const health = await until(async () => {
      const r = await fetch(`${base}/api/health`);
      return r.status === 200 ? ((await r.json()) as { database: string }) : undefined;
    }, 200_000);
    expect(health.database).toBe("reachable");
    expect(first.output()).toContain("owner@muster.example");
    expect(first.output()).toContain("pglite");
    const signIn = await fetch(`${base}/sign-in`, { headers: { "accept-language": "en" } });
    expect(signIn.status).toBe(200);
    expect(await signIn.text()).toContain("Sign in");
    expect(existsSync(path.join(dataDir, "portal.lock"))).toBe(true);
    expect(readFileSync(path.join(dataDir, "portal.lock"), "utf8")).toBe(String(first.child.pid));

    // A second process on the same folder (another port) refuses before it opens anything.
    const second = spawnSync(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
      env: {
        ...(process.env as Record<string, string>),
        DATA_DIR: dataDir,
        PORT: String(port + 1),
        DATABASE_URL: "",
        AUTH_SECRET: "",
        NODE_ENV: "production",
      },
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(second.status).toBe(1);
    expect(second.stderr + second.stdout).toMatch(/already in use by process \d+/);

    // The first one is unharmed and still answers.
    expect((await fetch(`${base}/api/health`)).status).toBe(200);
  });
});
