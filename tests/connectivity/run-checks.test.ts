import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { connectivityResults, serverConnectivity } from "@/db/schema";
import { sqlRows } from "@/db/sql";
import { getConnectivity } from "@/lib/connectivity/get-connectivity";
import { RUNS_PER_WINDOW, runConnectivityChecks } from "@/lib/connectivity/run-connectivity-checks";
import { saveConnectivity } from "@/lib/connectivity/save-connectivity";
import { runForm } from "@/lib/web/forms";
import { db } from "@/tests/setup/db";
import { uniq } from "@/tests/setup/factories";
import { offlineConfig, orgWithServer, proxyForm, stubRunner } from "./assistant-fixtures";

const resultsOf = async (serverId: string) =>
  Object.fromEntries(
    (await db.select().from(connectivityResults).where(eq(connectivityResults.serverId, serverId))).map(
      (r) => [r.check, r],
    ),
  );

const turnForm = (server: string) =>
  proxyForm(server, { scenario: "own-turn", publish: "proxy", turnHost: "turn.example.com" });

describe("running a server's checks on demand", () => {
  it("stores each check's latest result; state_since moves only when the state changes", async () => {
    const a = await orgWithServer();
    await saveConnectivity(db, a.admin.actor, proxyForm(a.server.id));
    const stub = stubRunner({ tls: ["amber", "cert-expiring"] });
    const run = () =>
      runConnectivityChecks(
        db,
        a.admin.actor,
        { server: a.server.id },
        { runner: stub.runner, config: offlineConfig },
      );
    await run();
    const first = await resultsOf(a.server.id);
    expect(Object.keys(first).sort()).toEqual(["dns-a", "dns-srv", "tls", "websocket"]);
    expect(first.tls).toMatchObject({
      state: "amber",
      reason: "cert-expiring",
      seen: { host: "ucserver.example.com" },
    });

    await new Promise((r) => setTimeout(r, 20));
    stub.set({ tls: ["red", "cert-expired"], "dns-a": "green" });
    await run();
    const second = await resultsOf(a.server.id);
    expect(second["dns-a"]!.stateSince).toEqual(first["dns-a"]!.stateSince);
    expect(second["dns-a"]!.checkedAt.getTime()).toBeGreaterThan(first["dns-a"]!.checkedAt.getTime());
    expect(second.tls!.stateSince.getTime()).toBeGreaterThan(first.tls!.stateSince.getTime());
    expect(second.tls).toMatchObject({ state: "red", reason: "cert-expired" });

    const view = await getConnectivity(db, a.member.actor, { server: a.server.id });
    expect(view.checks.map((c) => c.result?.state)).toEqual(["green", "green", "red", "green"]);
    expect(view.lastRunAt).toEqual(second.tls!.checkedAt);
    expect(view.running).toBe(false);
  });

  it("allows RUNS_PER_WINDOW runs per organisation in ten minutes, then says when to try again", async () => {
    const a = await orgWithServer();
    const b = await orgWithServer();
    await saveConnectivity(db, a.admin.actor, proxyForm(a.server.id));
    await saveConnectivity(db, b.admin.actor, proxyForm(b.server.id));
    const opts = { runner: stubRunner().runner, config: offlineConfig };
    for (let i = 0; i < RUNS_PER_WINDOW; i++)
      await runConnectivityChecks(db, a.owner.actor, { server: a.server.id }, opts);
    const refused = runConnectivityChecks(db, a.admin.actor, { server: a.server.id }, opts);
    await expect(refused).rejects.toMatchObject({ code: "rate-limited", status: 429 });
    await refused.catch((e: { retryAfterSeconds: number }) => {
      expect(e.retryAfterSeconds).toBeGreaterThan(500);
      expect(e.retryAfterSeconds).toBeLessThanOrEqual(600);
    });
    // Another organisation has its own count.
    await expect(
      runConnectivityChecks(db, b.admin.actor, { server: b.server.id }, opts),
    ).resolves.toHaveLength(4);
  });

  it("refuses a second run of the same server while one is under way, and a run before saving", async () => {
    const a = await orgWithServer();
    const opts = { config: offlineConfig };
    await expect(
      runConnectivityChecks(
        db,
        a.admin.actor,
        { server: a.server.id },
        { ...opts, runner: stubRunner().runner },
      ),
    ).rejects.toMatchObject({ code: "conflict", reason: "not-saved" });
    await saveConnectivity(db, a.admin.actor, proxyForm(a.server.id));
    let release = () => {};
    const slow = stubRunner();
    const first = runConnectivityChecks(
      db,
      a.admin.actor,
      { server: a.server.id },
      {
        ...opts,
        runner: async (inputs, o) => {
          await new Promise<void>((r) => {
            release = r;
          });
          return slow.runner(inputs, o);
        },
      },
    );
    await expect
      .poll(async () => (await getConnectivity(db, a.admin.actor, { server: a.server.id })).running)
      .toBe(true);
    await expect(
      runConnectivityChecks(
        db,
        a.owner.actor,
        { server: a.server.id },
        { ...opts, runner: stubRunner().runner },
      ),
    ).rejects.toMatchObject({ code: "conflict", reason: "running" });
    release();
    await first;
    // A runner that fails ends its run too: the next one may start.
    const failing = runConnectivityChecks(
      db,
      a.admin.actor,
      { server: a.server.id },
      {
        ...opts,
        runner: async () => {
          throw new Error("boom");
        },
      },
    );
    await expect(failing).rejects.toThrow("boom");
    await expect(
      runConnectivityChecks(
        db,
        a.admin.actor,
        { server: a.server.id },
        { ...opts, runner: stubRunner().runner },
      ),
    ).resolves.toHaveLength(4);
  });

  it("hands the TURN secret to the checker only: no table, audit entry or job holds it afterwards", async () => {
    const a = await orgWithServer();
    await saveConnectivity(db, a.admin.actor, turnForm(a.server.id));
    const secret = `turn-secret-${uniq()}-${uniq()}`;
    const stub = stubRunner();
    await runConnectivityChecks(
      db,
      a.admin.actor,
      { server: a.server.id, turnSecret: secret },
      {
        runner: stub.runner,
        config: offlineConfig,
      },
    );
    expect(stub.calls[0]?.options.turnSecret).toBe(secret);
    expect((await resultsOf(a.server.id)).turn).toMatchObject({ state: "green" });
    // A failed form run does not send it back to the browser either.
    const state = await runForm({ server: "nope", turnSecret: secret }, async (values) => {
      await runConnectivityChecks(db, a.admin.actor, values, { runner: stub.runner, config: offlineConfig });
    });
    expect(state).toMatchObject({ ok: false, message: "not-found" });
    expect(JSON.stringify(state)).not.toContain(secret);

    const columns = await sqlRows<{ table_schema: string; table_name: string; column_name: string }>(
      db,
      sql`select table_schema, table_name, column_name from information_schema.columns
           where table_schema in ('public', 'pgboss')
             and data_type in ('text', 'character varying', 'jsonb', 'json', 'ARRAY')`,
    );
    expect(columns.map((c) => `${c.table_schema}.${c.table_name}`)).toEqual(
      expect.arrayContaining(["public.connectivity_results", "public.audit_events", "pgboss.job"]),
    );
    const found: string[] = [];
    for (const c of columns) {
      const [hit] = await sqlRows<{ n: number }>(
        db,
        sql`select count(*)::int as n from ${sql.identifier(c.table_schema)}.${sql.identifier(c.table_name)}
             where ${sql.identifier(c.column_name)}::text like ${`%${secret}%`}`,
      );
      if (hit!.n > 0) found.push(`${c.table_schema}.${c.table_name}.${c.column_name}`);
    }
    expect(found).toEqual([]);
  });

  it("a run without the secret keeps the TURN check's last result and time", async () => {
    const a = await orgWithServer();
    await saveConnectivity(db, a.admin.actor, turnForm(a.server.id));
    const opts = { runner: stubRunner().runner, config: offlineConfig };
    await runConnectivityChecks(
      db,
      a.admin.actor,
      { server: a.server.id, turnSecret: "s3cret-s3cret" },
      opts,
    );
    const before = (await resultsOf(a.server.id)).turn!;
    await runConnectivityChecks(db, a.admin.actor, { server: a.server.id }, opts);
    const after = await resultsOf(a.server.id);
    expect(after.turn).toEqual(before);
    expect(after.stun!.checkedAt.getTime()).toBeGreaterThan(before.checkedAt.getTime());
    const [settings] = await db
      .select()
      .from(serverConnectivity)
      .where(eq(serverConnectivity.serverId, a.server.id));
    expect(settings?.runStartedAt).toBeNull();
  });
});
