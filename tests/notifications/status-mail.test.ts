import { and, eq, inArray, isNull } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as schema from "@/db/schema";
import { notifyStatusChanges } from "@/lib/notifications/notify-status-changes";
import { insertServer } from "@/lib/servers/insert-server";
import { db } from "@/tests/setup/db";
import * as f from "@/tests/setup/factories";
import { withOwnDatabase } from "@/tests/setup/own-database";

// The worker acts on every unannounced change in the database, so this file has one of its own.

withOwnDatabase("notify_status");

const appUrl = "http://portal.test";

/** An organisation with two owners (one opted out), an admin, and one server. */
async function setup() {
  const org = await f.makeOrg();
  const owner = await f.makeUser({ locale: "en" });
  const quiet = await f.makeUser();
  const admin = await f.makeUser();
  await f.addMember(org.id, owner.id, "owner");
  await f.addMember(org.id, quiet.id, "owner");
  await f.addMember(org.id, admin.id, "admin");
  await db
    .update(schema.memberships)
    .set({ notifyServerStatus: false })
    .where(and(eq(schema.memberships.userId, quiet.id), eq(schema.memberships.organisationId, org.id)));
  const { server } = await insertServer(db, {
    name: `Zentrale ${f.uniq()}`,
    origin: "portal",
    organisationId: org.id,
  });
  return { org, owner, quiet, admin, server };
}

type Status = "online" | "late" | "offline" | "never-connected";
async function change(serverId: string, from: Status, to: Status, at: Date) {
  const [e] = await db
    .insert(schema.serverStatusEvents)
    .values({ serverId, fromStatus: from, toStatus: to, at, reason: "test" })
    .returning();
  return e!;
}

async function mailsTo(addresses: string[]) {
  return db
    .select()
    .from(schema.mailOutbox)
    .where(
      and(eq(schema.mailOutbox.template, "server-status"), inArray(schema.mailOutbox.toAddress, addresses)),
    )
    .orderBy(schema.mailOutbox.createdAt);
}

const minutes = (n: number) => new Date(Date.now() - n * 60_000);

describe("server status e-mails", () => {
  it("offline then online: one mail each to owners who want them, in their language; none for late", async () => {
    const s = await setup();
    await change(s.server.id, "online", "late", minutes(40));
    await change(s.server.id, "late", "offline", minutes(39));
    await notifyStatusChanges(db, { appUrl });
    await change(s.server.id, "offline", "online", minutes(10));
    await notifyStatusChanges(db, { appUrl });
    await notifyStatusChanges(db, { appUrl });
    const mails = await mailsTo([s.owner.email, s.quiet.email, s.admin.email]);
    expect(mails.map((m) => [m.toAddress, m.subject])).toEqual([
      [s.owner.email, `UCServer “${s.server.name}” is offline`],
      [s.owner.email, `UCServer “${s.server.name}” is back online`],
    ]);
    expect(mails[0]!.text).toContain(`${appUrl}/servers/${s.server.id}`);
    expect(mails[0]!.html).toContain(s.server.name);
    const open = await db
      .select()
      .from(schema.serverStatusEvents)
      .where(
        and(
          eq(schema.serverStatusEvents.serverId, s.server.id),
          isNull(schema.serverStatusEvents.notifiedAt),
        ),
      );
    expect(open).toHaveLength(0);
  });

  it("flapping inside 15 minutes: one offline mail, one back-online mail, the rest quiet", async () => {
    const s = await setup();
    await change(s.server.id, "online", "offline", minutes(12));
    await change(s.server.id, "offline", "online", minutes(11));
    await change(s.server.id, "online", "offline", minutes(8));
    await change(s.server.id, "offline", "online", minutes(7));
    await change(s.server.id, "online", "offline", minutes(5));
    await notifyStatusChanges(db, { appUrl });
    const mails = await mailsTo([s.owner.email]);
    expect(mails.map((m) => m.subject)).toEqual([
      `UCServer “${s.server.name}” is offline`,
      `UCServer “${s.server.name}” is back online`,
    ]);
    // Past the window, a new drop is news again.
    await change(s.server.id, "offline", "online", minutes(4));
    await change(s.server.id, "online", "offline", new Date(Date.now() + 5 * 60_000));
    await notifyStatusChanges(db, { appUrl });
    expect((await mailsTo([s.owner.email])).map((m) => m.subject.endsWith("is offline"))).toEqual([
      true,
      false,
      true,
    ]);
  });

  it("old news is not mailed: a backlog of changes from hours ago is only marked", async () => {
    const s = await setup();
    await change(s.server.id, "online", "offline", minutes(300));
    await change(s.server.id, "offline", "online", minutes(200));
    expect((await notifyStatusChanges(db, { appUrl })).processed).toBeGreaterThanOrEqual(2);
    expect(await mailsTo([s.owner.email])).toHaveLength(0);
  });

  it("deleted servers and unclaimed servers produce no mail", async () => {
    const s = await setup();
    await db.update(schema.servers).set({ deletedAt: new Date() }).where(eq(schema.servers.id, s.server.id));
    await change(s.server.id, "online", "offline", minutes(1));
    const { server: loose } = await insertServer(db, {
      name: "loose",
      origin: "ucserver-trial",
      organisationId: null,
    });
    await change(loose.id, "online", "offline", minutes(1));
    await notifyStatusChanges(db, { appUrl });
    expect(await mailsTo([s.owner.email])).toHaveLength(0);
  });

  it("two workers at once never send twice", async () => {
    const orgs = await Promise.all(Array.from({ length: 6 }, () => setup()));
    for (const s of orgs) {
      await change(s.server.id, "online", "offline", minutes(30));
      await change(s.server.id, "offline", "online", minutes(20));
    }
    // Small batches so the workers interleave over many transactions.
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        for (let i = 0; i < 20; i++) await notifyStatusChanges(db, { appUrl, batch: 2 });
      }),
    );
    const mails = await mailsTo(orgs.map((s) => s.owner.email));
    expect(mails).toHaveLength(12);
    // Mails of different transactions carry their transaction's start time, so compare as sets.
    for (const s of orgs) {
      expect(
        mails
          .filter((m) => m.toAddress === s.owner.email)
          .map((m) => m.subject.endsWith("back online"))
          .sort(),
      ).toEqual([false, true]);
    }
  });
});
