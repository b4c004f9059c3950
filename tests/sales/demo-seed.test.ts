import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useOwnDatabase } from "@/tests/protocol/own-database";

// The demo seed's pipeline is counted across the database, so this file has one of its own.
let dropDb: () => Promise<void>;
beforeAll(async () => {
  dropDb = await useOwnDatabase("demo_seed");
});
afterAll(async () => {
  await dropDb?.();
});

describe("demo data", () => {
  it("gives the demo sales account a pipeline with a trial in every state, once", async () => {
    const { db } = await import("@/db/client");
    const { seedReference } = await import("@/db/seed-reference");
    const { seedDemo } = await import("@/db/seed");
    const { loadActor } = await import("@/lib/auth/load-actor");
    const { createUserSession } = await import("@/lib/auth/sessions");
    const { listTrialPipeline } = await import("@/lib/trials/list-trial-pipeline");
    const { eq } = await import("drizzle-orm");
    const { users } = await import("@/db/schema");
    await seedReference(db);
    expect(await seedDemo(db)).toBe(true);
    expect(await seedDemo(db)).toBe(false);

    const [user] = await db.select().from(users).where(eq(users.email, "sales@ucconnect.example"));
    const { token } = await createUserSession(db, { userId: user!.id, ip: null, userAgent: "test" });
    const sales = (await loadActor(db, { sessionToken: token, preferredOrgId: null, ip: null }))!;
    const pipeline = await listTrialPipeline(db, sales, {});
    expect(pipeline.counts).toEqual({ open: 5, ending: 1, "never-connected": 4, expired: 1, converted: 0 });
    expect((await listTrialPipeline(db, sales, { sales: "unassigned" })).rows.map((r) => r.company)).toEqual([
      "UCServer Lager Süd",
    ]);
    const logistik = pipeline.rows.find((r) => r.company === "Beispiel Logistik GmbH");
    expect(logistik?.server).toMatchObject({ users: { total: 84, mobile: 21, audioVideo: 6 } });
  });
});
