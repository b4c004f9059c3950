import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as schema from "@/db/schema";
import { assignTrial } from "@/lib/trials/assign-trial";
import { convertTrial } from "@/lib/trials/convert-trial";
import { listTrialPipeline, PIPELINE_PAGE_SIZE } from "@/lib/trials/list-trial-pipeline";
import { startTrialForProspect } from "@/lib/trials/start-trial-for-prospect";
import { db } from "@/tests/setup/db";
import * as f from "@/tests/setup/factories";
import { withOwnDatabase } from "@/tests/setup/own-database";
import * as h from "../protocol/harness";

// The pipeline counts every trial in the database, so this file has a database of its own.
withOwnDatabase("sales_pipeline");

let api: import("../protocol/harness").Api;
beforeAll(async () => {
  api = await h.startApi();
});
afterAll(async () => {
  await api?.close();
});

describe("the trial pipeline", () => {
  it("shows every trial with owner, sales person, connection and users; filters, searches and sorts", async () => {
    const anna = await f.actorFor(await f.makeUser({ staff: ["sales"], name: "Anna Vertrieb" }));
    const ben = await f.actorFor(await f.makeUser({ staff: ["sales"], name: "Ben Vertrieb" }));
    const start = (actor: typeof anna, company: string, preRegister = false) =>
      startTrialForProspect(db, actor, {
        company,
        contactName: "Kontakt",
        contactEmail: `${company.toLowerCase().replace(/\W+/g, "-")}@prospect.example`,
        locale: "de",
        preRegister,
      });
    const shift = async (trialId: string, days: number) =>
      db
        .update(schema.trials)
        .set({
          startsAt: sql`starts_at - make_interval(days => ${days})`,
          endsAt: sql`ends_at - make_interval(days => ${days})`,
        })
        .where(eq(schema.trials.id, trialId));

    const connected = await start(anna, "Connected AG", true);
    const { token } = await h.connect(api, connected.server!.serverId, connected.server!.password);
    await h.call(api, "POST", "/heartbeats", { token, body: h.heartbeat(1) });
    await start(anna, "Quiet GmbH", true);
    const ending = await start(ben, "Ending KG");
    await shift(ending.trialId, 27);
    const expired = await start(ben, "Expired OHG");
    await shift(expired.trialId, 31);
    const converted = await start(anna, "Converted SE");
    await convertTrial(db, anna, { trialId: converted.trialId, "quantity.mobile-users": "5" });
    const self = await h.call(api, "POST", "/trials", {
      body: {
        ucserverVersion: "6.4.0.1234",
        serverName: "Selbst gestartet",
        contactEmail: "it@self.example",
      },
      ip: h.randomIp(),
    });
    expect(self.status).toBe(201);

    const all = await listTrialPipeline(db, anna, {});
    expect(all.counts).toEqual({ open: 5, ending: 1, "never-connected": 4, expired: 1, converted: 1 });
    expect(all.total).toBe(5);
    // Default sort: the soonest end first (the expired one ended a day ago).
    expect(all.rows.map((r) => r.company)).toEqual([
      "Expired OHG",
      "Ending KG",
      "Connected AG",
      "Quiet GmbH",
      "Selbst gestartet",
    ]);
    const row = all.rows.find((r) => r.id === connected.trialId)!;
    expect(row).toMatchObject({
      claimed: true,
      origin: "sales-trial",
      owner: null,
      contactEmail: "connected-ag@prospect.example",
      salesPerson: { id: anna.userId, name: "Anna Vertrieb" },
      server: {
        serverId: connected.server!.serverId,
        status: "online",
        users: { total: 120, mobile: 35, audioVideo: 10 },
      },
    });
    expect(row.server!.lastSeenAt!.getTime()).toBeGreaterThan(Date.now() - 60_000);
    const selfRow = all.rows.find((r) => r.company === "Selbst gestartet")!;
    expect(selfRow).toMatchObject({ claimed: false, origin: "ucserver-trial", salesPerson: null });
    expect(selfRow.server).toMatchObject({ status: "never-connected", lastSeenAt: null });

    const names = async (input: Record<string, unknown>) =>
      (await listTrialPipeline(db, anna, input)).rows.map((r) => r.company);
    expect(await names({ view: "ending" })).toEqual(["Ending KG"]);
    expect(await names({ view: "expired" })).toEqual(["Expired OHG"]);
    expect(await names({ view: "converted" })).toEqual(["Converted SE"]);
    expect((await names({ view: "never-connected" })).sort()).toEqual(
      ["Ending KG", "Expired OHG", "Quiet GmbH", "Selbst gestartet"].sort(),
    );
    expect(await names({ sales: "me" })).toEqual(["Connected AG", "Quiet GmbH"]);
    expect(await names({ sales: ben.userId })).toEqual(["Expired OHG", "Ending KG"]);
    expect(await names({ sales: "unassigned" })).toEqual(["Selbst gestartet"]);
    expect(await names({ sort: "company" })).toEqual([
      "Connected AG",
      "Ending KG",
      "Expired OHG",
      "Quiet GmbH",
      "Selbst gestartet",
    ]);
    expect((await names({ sort: "lastSeen" }))[0]).toBe("Connected AG");
    // The Server-ID in any spelling, the contact's address, part of the company.
    const code = connected.server!.serverId.replace(/-/g, "").toLowerCase();
    expect(await names({ q: code })).toEqual(["Connected AG"]);
    expect(await names({ q: "it@self" })).toEqual(["Selbst gestartet"]);
    expect(await names({ q: "quiet" })).toEqual(["Quiet GmbH"]);
    expect(await names({ q: "100%_" })).toEqual([]);
    // Nonsense in the URL falls back to the defaults instead of failing.
    const fallback = await listTrialPipeline(db, anna, { view: "nope", sort: 7, page: -1, sales: "x" });
    expect(fallback.query).toMatchObject({ view: "open", sort: "ends", page: 1, sales: undefined });
    expect(fallback.salesPeople.map((p) => p.name)).toEqual(["Anna Vertrieb", "Ben Vertrieb"]);

    // Taking the self-started trial, then handing it to a colleague; a non-sales user cannot follow one.
    await assignTrial(db, anna, { trialId: selfRow.id, salesUserId: "me" });
    expect(await names({ sales: "unassigned" })).toEqual([]);
    await assignTrial(db, anna, { trialId: selfRow.id, salesUserId: ben.userId });
    expect(await names({ sales: ben.userId })).toContain("Selbst gestartet");
    const customer = await f.makeUser();
    await expect(
      assignTrial(db, anna, { trialId: selfRow.id, salesUserId: customer.id }),
    ).rejects.toMatchObject({ code: "validation", fields: [{ field: "salesUserId", message: "not-sales" }] });
    expect(await names({ sales: ben.userId })).toContain("Selbst gestartet");
  });

  it("pages through many trials", async () => {
    const carla = await f.actorFor(await f.makeUser({ staff: ["sales"], name: "Carla Vertrieb" }));
    const n = PIPELINE_PAGE_SIZE + 5;
    for (let i = 0; i < n; i++) {
      await startTrialForProspect(db, carla, {
        company: `Firma ${String(i).padStart(3, "0")}`,
        contactName: "Kontakt",
        contactEmail: `firma-${i}@many.example`,
        locale: "en",
        preRegister: false,
      });
    }
    const first = await listTrialPipeline(db, carla, { sales: "me", sort: "company" });
    expect(first).toMatchObject({ total: n, pageCount: 2 });
    expect(first.rows).toHaveLength(PIPELINE_PAGE_SIZE);
    const second = await listTrialPipeline(db, carla, { sales: "me", sort: "company", page: 2 });
    expect(second.rows.map((r) => r.company)).toEqual(
      Array.from({ length: 5 }, (_, i) => `Firma ${String(PIPELINE_PAGE_SIZE + i).padStart(3, "0")}`),
    );
  });
});
