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
    const signInHtml = await signIn.text();
    expect(signInHtml).toContain("Sign in");

    // The product's icon, by both of Next's file conventions, linked from every page's head.
    const logged = first.output().length;
    const favicon = await fetch(`${base}/favicon.ico`);
    expect(favicon.status).toBe(200);
    expect(favicon.headers.get("content-type")).toBe("image/x-icon");
    expect([...new Uint8Array(await favicon.arrayBuffer()).subarray(0, 4)]).toEqual([0, 0, 1, 0]);
    const svgIcon = await fetch(`${base}/icon.svg`);
    expect(svgIcon.status).toBe(200);
    expect(svgIcon.headers.get("content-type")).toContain("image/svg+xml");
    expect(signInHtml).toMatch(/<link rel="icon" href="\/favicon\.ico[^"]*"/);
    expect(signInHtml).toMatch(/<link rel="icon" href="\/icon\.svg[^"]*"/);

    // A credentials callback is a form POST; a GET to it, or to a provider that does not exist, is
    // not a server error and leaves no error in the log.
    const callbacks = { credentials: 405, "email-link": 405, email: 404, nope: 404 };
    for (const [provider, status] of Object.entries(callbacks)) {
      const callback = await fetch(`${base}/api/auth/callback/${provider}`, { redirect: "manual" });
      expect(callback.status, provider).toBe(status);
    }
    expect(first.output().slice(logged)).not.toMatch(/error|⨯/i);
    expect(existsSync(path.join(dataDir, "portal.lock"))).toBe(true);
    expect(JSON.parse(readFileSync(path.join(dataDir, "portal.lock"), "utf8")).pid).toBe(first.child.pid);

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

    // A signed-in owner watches the live status; SIGTERM ends that stream and the process exits at
    // once rather than waiting for the browser to leave (a rolling restart would stall until SIGKILL).
    const cookies = new Map<string, string>();
    const keep = (r: Response) => {
      for (const c of r.headers.getSetCookie()) {
        const [pair] = c.split(";");
        const at = pair!.indexOf("=");
        cookies.set(pair!.slice(0, at), pair!.slice(at + 1));
      }
    };
    const cookieHeader = () => [...cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    const csrf = await fetch(`${base}/api/auth/csrf`);
    keep(csrf);
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const signedIn = await fetch(`${base}/api/auth/callback/credentials`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookieHeader() },
      body: new URLSearchParams({ csrfToken, email: "owner@muster.example", password: "Demo-Owner-2026" }),
    });
    keep(signedIn);
    expect([...cookies.keys()].some((k) => k.endsWith("session-token"))).toBe(true);
    const stream = await fetch(`${base}/api/servers/stream`, { headers: { cookie: cookieHeader() } });
    expect(stream.status).toBe(200);
    const reader = stream.body!.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toContain("connected");
    const exited = new Promise<number>((resolve) => first.child.once("exit", () => resolve(Date.now())));
    const signalled = Date.now();
    first.child.kill("SIGTERM");
    const ended = await Promise.race([
      (async () => {
        while (!(await reader.read()).done) {}
        return "stream ended";
      })(),
      new Promise((r) => setTimeout(() => r("still open"), 8000)),
    ]);
    expect(ended).toBe("stream ended");
    expect((await exited) - signalled).toBeLessThan(8000);
  });
});
