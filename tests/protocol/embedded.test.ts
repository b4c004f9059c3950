import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import nodemailer from "nodemailer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type DbHandle } from "@/db/client";
import { migrateDb } from "@/db/migrate";
import { mailOutbox, serverHeartbeats, serverStatusEvents, servers } from "@/db/schema";
import { sweepStatuses } from "@/lib/heartbeats/sweep-statuses";
import { createJobRunner } from "@/lib/jobs/runner";
import { createDbListener } from "@/lib/live/db-listener";
import { mailDeliveryHandler } from "@/lib/mail/deliver-outbox";
import { enqueueMail } from "@/lib/mail/enqueue-mail";
import * as h from "./harness";

// Without DATABASE_URL the portal runs on embedded PGlite: the hand-written heartbeat and sweep
// statements, and the job queue, must work there too.
const dataDir = mkdtempSync(path.join(tmpdir(), "protocol-pglite-"));
let database: DbHandle;
let api: h.Api;
beforeAll(async () => {
  database = createDb({ dataDir });
  await migrateDb(database);
  api = await h.startApi(database.db);
});
afterAll(async () => {
  await api?.close();
  await database?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("the embedded database", () => {
  it("runs trial, session, heartbeats, licenses and the sweeper", async () => {
    const { db } = database;
    expect(database.kind).toBe("pglite");
    const trial = await h.call(api, "POST", "/trials", {
      body: { ucserverVersion: "6.4.0.1234", serverName: "Lokal" },
      ip: h.randomIp(),
    });
    expect(trial.status).toBe(201);
    const { token } = await h.connect(api, String(trial.json.serverId), String(trial.json.password));
    const body = h.heartbeat(1);
    const first = await h.call(api, "POST", "/heartbeats", { token, body });
    const replay = await h.call(api, "POST", "/heartbeats", { token, body });
    expect([first.status, replay.status]).toEqual([200, 200]);
    const lic = await h.call(api, "GET", "/licenses", { token });
    expect(lic.json.version).toBe(first.json.licensesVersion);
    const again = await h.call(api, "GET", "/licenses", {
      token,
      headers: { "if-none-match": lic.headers.get("etag")! },
    });
    expect(again.status).toBe(304);

    const code = String(trial.json.serverId).replace(/-/g, "");
    const [server] = await db.select().from(servers).where(eq(servers.code, code));
    await db
      .update(servers)
      .set({ lastSeenAt: new Date(Date.now() - 3600_000) })
      .where(eq(servers.id, server!.id));
    expect(await sweepStatuses(db, { heartbeatSeconds: 60 })).toMatchObject({ changed: 1, events: 2 });
    const events = await db
      .select()
      .from(serverStatusEvents)
      .where(eq(serverStatusEvents.serverId, server!.id));
    expect(events.map((e) => e.toStatus)).toEqual(["online", "late", "offline"]);
    expect(
      await db.select().from(serverHeartbeats).where(eq(serverHeartbeats.serverId, server!.id)),
    ).toHaveLength(1);
  });

  it("runs the job queue: a mail queued in a transaction is sent by the runner at once, woken by NOTIFY", async () => {
    const listener = createDbListener(database);
    const transport = nodemailer.createTransport({ jsonTransport: true });
    const runner = createJobRunner({
      database,
      listener,
      handlers: { "mail.deliver": mailDeliveryHandler(database.db, transport) },
      // Polled only once a minute: anything quicker is the wake-up's doing.
      pollingSeconds: 60,
    });
    await runner.start();
    try {
      // The first poll of a new worker happens at its start; queue after it.
      await new Promise((r) => setTimeout(r, 300));
      const queuedAt = Date.now();
      const id = await database.db.transaction((tx) =>
        enqueueMail(tx, {
          template: "sign-in-link",
          to: "embedded@test.example",
          locale: "en",
          props: { name: "Lokal", url: "http://127.0.0.1/sign-in/link?token=abc", expiresInMinutes: 15 },
        }),
      );
      let status = "";
      while (status !== "sent" && Date.now() - queuedAt < 10_000) {
        await new Promise((r) => setTimeout(r, 25));
        [{ status = "" } = {}] = await database.db
          .select({ status: mailOutbox.status })
          .from(mailOutbox)
          .where(eq(mailOutbox.id, id));
      }
      expect(status).toBe("sent");
      expect(Date.now() - queuedAt).toBeLessThan(5000);
    } finally {
      await runner.stop();
      await listener.close();
    }
  });
});
