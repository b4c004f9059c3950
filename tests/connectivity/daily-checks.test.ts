import { eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { mailOutbox, organisations, serverConnectivity, servers } from "@/db/schema";
import { runConnectivityChecks } from "@/lib/connectivity/run-connectivity-checks";
import { runDueConnectivityChecks } from "@/lib/connectivity/run-due-connectivity-checks";
import { saveConnectivity } from "@/lib/connectivity/save-connectivity";
import { enqueueJob } from "@/lib/jobs/enqueue";
import { QUEUES, SCHEDULES } from "@/lib/jobs/queues";
import { db } from "@/tests/setup/db";
import { withOwnDatabase } from "@/tests/setup/own-database";
import { workQueue } from "@/tests/support/jobs";
import { offlineConfig, orgWithServer, proxyForm, stubRunner } from "./assistant-fixtures";

// The daily job acts on every due server in the database, so this file has one of its own.
withOwnDatabase("connectivity_daily");

const hoursAgo = (h: number) => new Date(Date.now() - h * 3600_000);

/** A server with a saved setup whose checks last ran `lastRun` hours ago (null: never). */
async function server(lastRun: number | null) {
  const a = await orgWithServer();
  await saveConnectivity(db, a.admin.actor, proxyForm(a.server.id));
  if (lastRun !== null) {
    await runConnectivityChecks(
      db,
      a.admin.actor,
      { server: a.server.id },
      {
        runner: stubRunner().runner,
        config: offlineConfig,
      },
    );
    await db
      .update(serverConnectivity)
      .set({ lastRunAt: hoursAgo(lastRun) })
      .where(eq(serverConnectivity.serverId, a.server.id));
  }
  return a;
}

const lastRunOf = async (id: string) =>
  (await db.select().from(serverConnectivity).where(eq(serverConnectivity.serverId, id)))[0]?.lastRunAt;

describe("the daily re-run", () => {
  it("runs only servers whose last run is a day old, never for deleted servers or organisations", async () => {
    const due = await server(25);
    const fresh = await server(2);
    const never = await server(null);
    const orgGone = await server(30);
    await db.update(organisations).set({ deletedAt: new Date() }).where(eq(organisations.id, orgGone.org.id));
    const serverGone = await server(30);
    await db.update(servers).set({ deletedAt: new Date() }).where(eq(servers.id, serverGone.server.id));
    const busy = await server(26);
    await db
      .update(serverConnectivity)
      .set({ runStartedAt: new Date() })
      .where(eq(serverConnectivity.serverId, busy.server.id));

    const stub = stubRunner();
    expect(await runDueConnectivityChecks(db, { runner: stub.runner, config: offlineConfig })).toEqual({
      picked: 1,
      ran: 1,
    });
    expect(stub.calls).toHaveLength(1);
    expect(stub.calls[0]!.inputs.publicHost).toBe("ucserver.example.com");
    // Nobody typed a TURN secret for the daily run.
    expect(stub.calls[0]!.options.turnSecret).toBeUndefined();
    expect((await lastRunOf(due.server.id))!.getTime()).toBeGreaterThan(hoursAgo(0.1).getTime());
    for (const other of [fresh, orgGone, serverGone, busy]) {
      expect((await lastRunOf(other.server.id))!.getTime()).toBeLessThan(hoursAgo(1).getTime());
    }
    expect(await lastRunOf(never.server.id)).toBeNull();
    expect(await runDueConnectivityChecks(db, { runner: stub.runner, config: offlineConfig })).toEqual({
      picked: 0,
      ran: 0,
    });
  });

  it("tells the owners what it finds first after the setup changed (nobody saw those results)", async () => {
    const a = await server(25);
    await saveConnectivity(db, a.admin.actor, proxyForm(a.server.id, { publicHost: "ucs.example.net" }));
    const stub = stubRunner({ "dns-a": ["red", "no-record"] });
    await runDueConnectivityChecks(db, { runner: stub.runner, config: offlineConfig });
    const mails = await db
      .select()
      .from(mailOutbox)
      .where(inArray(mailOutbox.toAddress, [a.owner.email, a.admin.email, a.member.email]));
    expect(mails.map((m) => [m.template, m.toAddress])).toEqual([["connectivity-alert", a.owner.email]]);
  });

  it("is a queue of its own, scheduled every hour; its job carries no data", async () => {
    expect(QUEUES["connectivity.check"]).toBeDefined();
    expect(SCHEDULES).toContainEqual({ name: "connectivity.check", cron: "29 * * * *" });
    await enqueueJob(db, "connectivity.check");
    const seen: unknown[] = [];
    const done = await workQueue(db, "connectivity.check", {
      run: async (jobs) => {
        seen.push(...jobs.map((j) => j.data));
        return undefined;
      },
    });
    expect(done).toBe(1);
    expect(seen).toEqual([{}]);
  });
});
