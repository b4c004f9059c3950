import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { users } from "@/db/schema";
import { seedDemo } from "@/db/seed";
import { seedReference } from "@/db/seed-reference";
import { loadActor } from "@/lib/auth/load-actor";
import { createUserSession } from "@/lib/auth/sessions";
import { listTrialPipeline } from "@/lib/trials/list-trial-pipeline";
import { db } from "@/tests/setup/db";
import { withOwnDatabase } from "@/tests/setup/own-database";

// The demo seed's pipeline is counted across the database, so this file has one of its own.

withOwnDatabase("demo_seed");

describe("demo data", () => {
  it("gives the demo sales account a pipeline with a trial in every state, once", async () => {
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
