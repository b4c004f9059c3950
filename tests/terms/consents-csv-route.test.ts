import { describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { EXPORTS_PER_WINDOW } from "@/lib/terms/export-consents-csv";
import { makeOrgWithPeople } from "@/tests/setup/factories";

// The route as Next calls it, with the request's caller and the process's database replaced by the
// test's: the session cookie and the composition root are not what this file is about.
const caller = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock("@/lib/web/context", () => ({ getActor: async () => caller.actor }));
vi.mock("@/lib/server/portal", async () => ({ db: (await import("@/tests/setup/db")).db }));

const { GET } = await import("@/app/api/terms/consents.csv/route");

async function download(actor: Actor | null) {
  caller.actor = actor;
  return GET();
}

describe("GET /api/terms/consents.csv", () => {
  it("answers the ledger to admins, 404 to members, 401 to nobody", async () => {
    const { admin, member } = await makeOrgWithPeople();
    const ok = await download(admin.actor);
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(ok.headers.get("content-disposition")).toMatch(
      /^attachment; filename="consents-\d{4}-\d\d-\d\d\.csv"$/,
    );
    expect(await ok.text()).toContain("accepted_at,kind,version");
    expect((await download(member.actor)).status).toBe(404);
    expect((await download(null)).status).toBe(401);
  });

  it("answers 429 with Retry-After once a person has downloaded it too often", async () => {
    const { owner, admin } = await makeOrgWithPeople();
    for (let i = 0; i < EXPORTS_PER_WINDOW; i++) expect((await download(owner.actor)).status).toBe(200);
    const refused = await download(owner.actor);
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(10 * 60);
    expect(await refused.text()).not.toMatch(/not found/i);
    // The limit is the person's: the organisation's other admins still get their copy.
    expect((await download(admin.actor)).status).toBe(200);
  });
});
