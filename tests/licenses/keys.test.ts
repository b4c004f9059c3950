import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents, licenseKeys, licenses } from "@/db/schema";
import { seedReference } from "@/db/seed-reference";
import type { Actor } from "@/lib/auth/actor";
import { issueLicenseKey } from "@/lib/licenses/issue-license-key";
import { generateLicenseKey, normalizeLicenseKey } from "@/lib/licenses/license-key-code";
import { listLicenseKeys } from "@/lib/licenses/list-license-keys";
import { redeemLicenseKey } from "@/lib/licenses/redeem-license-key";
import { revokeLicenseKey } from "@/lib/licenses/revoke-license-key";
import { randomIp } from "@/tests/protocol/harness";
import { db } from "@/tests/setup/db";
import { actorFor, makeOrgWithPeople, makeUser } from "@/tests/setup/factories";

beforeAll(() => seedReference(db));

const sales = async () => actorFor(await makeUser({ staff: ["sales"] }));
// Each redeeming actor gets an address of its own: the per-address limit is shared by all tests.
const fresh = (actor: Actor): Actor => ({ ...actor, ip: randomIp() });
const code = (e: unknown) => (e as { code?: string }).code;
const field = (e: unknown) => (e as { fields?: { message: string }[] }).fields?.[0]?.message;

describe("license key format", () => {
  it("has 16 Crockford characters after UCL and survives sloppy typing", () => {
    const key = generateLicenseKey();
    expect(key).toMatch(/^UCL(-[0-9A-HJKMNP-TV-Z]{4}){4}$/);
    const canonical = normalizeLicenseKey(key)!;
    expect(canonical).toHaveLength(16);
    expect(normalizeLicenseKey(key.toLowerCase().replace(/-/g, " "))).toBe(canonical);
    expect(normalizeLicenseKey(`  ${key.slice(4)}  `)).toBe(canonical);
    expect(normalizeLicenseKey("UCL-0000-1111-2222-3333")).toBe(
      normalizeLicenseKey("ucl-oooo-iiii-2222-3333"),
    );
    expect(normalizeLicenseKey("UCL-1234")).toBeNull();
    expect(normalizeLicenseKey("UCL-UUUU-1111-2222-3333")).toBeNull();
    const many = new Set(Array.from({ length: 500 }, generateLicenseKey));
    expect(many.size).toBe(500);
  });
});

describe("issuing and redeeming keys", () => {
  it("staff issue a key stored only as a hash; an admin redeems it into an unassigned license", async () => {
    const staff = await sales();
    const { org, admin } = await makeOrgWithPeople();
    const { id, key } = await issueLicenseKey(db, staff, {
      product: "mobile-users",
      quantity: 15,
      validDays: 30,
    });
    const [row] = await db.select().from(licenseKeys).where(eq(licenseKeys.id, id));
    expect(row!.keyHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(normalizeLicenseKey(key)!);
    expect(row!.keyHint).toBe(key.slice(-4));

    const typed = ` ${key.toLowerCase().replace(/-/g, "")} `;
    const { licenseId } = await redeemLicenseKey(db, fresh(admin.actor), { key: typed });
    const [license] = await db.select().from(licenses).where(eq(licenses.id, licenseId));
    expect(license).toMatchObject({
      organisationId: org.id,
      serverId: null,
      licenseKeyId: id,
      quantity: 15,
      trial: false,
    });
    const days = (license!.validUntil!.getTime() - license!.validFrom.getTime()) / 86_400_000;
    expect(days).toBeCloseTo(30, 5);
    const listed = (await listLicenseKeys(db, staff)).find((k) => k.id === id);
    expect(listed).toMatchObject({ status: "redeemed", redeemedBy: org.name });
    const audit = await db.select().from(auditEvents).where(eq(auditEvents.targetId, licenseId));
    expect(audit.map((a) => a.action)).toContain("license-key.redeemed");
  });

  it("a key without validity days runs without end", async () => {
    const { key } = await issueLicenseKey(db, await sales(), {
      product: "ucconnect-base",
      quantity: 1,
      validDays: null,
    });
    const { admin } = await makeOrgWithPeople();
    const { licenseId } = await redeemLicenseKey(db, fresh(admin.actor), { key });
    const [license] = await db.select().from(licenses).where(eq(licenses.id, licenseId));
    expect(license!.validUntil).toBeNull();
  });

  it("wrong, used and revoked keys fail on the key field; malformed ones too", async () => {
    const staff = await sales();
    const { admin } = await makeOrgWithPeople();
    const wrong = await redeemLicenseKey(db, fresh(admin.actor), { key: generateLicenseKey() }).catch(
      (e) => e,
    );
    expect([code(wrong), field(wrong)]).toEqual(["not-found", "key-unknown"]);
    const bad = await redeemLicenseKey(db, fresh(admin.actor), { key: "hello" }).catch((e) => e);
    expect([code(bad), field(bad)]).toEqual(["validation", "key-malformed"]);

    const used = await issueLicenseKey(db, staff, { product: "mobile-users", quantity: 1, validDays: 10 });
    await redeemLicenseKey(db, fresh(admin.actor), { key: used.key });
    const again = await redeemLicenseKey(db, fresh(admin.actor), { key: used.key }).catch((e) => e);
    expect([code(again), field(again)]).toEqual(["conflict", "key-used"]);

    const revoked = await issueLicenseKey(db, staff, { product: "mobile-users", quantity: 1, validDays: 10 });
    await revokeLicenseKey(db, staff, { keyId: revoked.id });
    const r = await redeemLicenseKey(db, fresh(admin.actor), { key: revoked.key }).catch((e) => e);
    expect([code(r), field(r)]).toEqual(["conflict", "key-revoked"]);
    // A redeemed key cannot be revoked any more: it has become a license.
    expect(code(await revokeLicenseKey(db, staff, { keyId: used.id }).catch((e) => e))).toBe("conflict");
  });

  it("two organisations redeeming the same key at once: exactly one license", async () => {
    const { key, id } = await issueLicenseKey(db, await sales(), {
      product: "audio-video-users",
      quantity: 5,
      validDays: 365,
    });
    const orgs = await Promise.all([makeOrgWithPeople(), makeOrgWithPeople(), makeOrgWithPeople()]);
    const results = await Promise.allSettled(
      orgs.map((o) => redeemLicenseKey(db, fresh(o.admin.actor), { key })),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results) if (r.status === "rejected") expect(code(r.reason)).toBe("conflict");
    const made = await db.select().from(licenses).where(eq(licenses.licenseKeyId, id));
    expect(made).toHaveLength(1);
  });

  it("only admins redeem; only staff issue, list and revoke", async () => {
    const { member, owner } = await makeOrgWithPeople();
    const { key, id } = await issueLicenseKey(db, await sales(), {
      product: "mobile-users",
      quantity: 1,
      validDays: 1,
    });
    expect(code(await redeemLicenseKey(db, fresh(member.actor), { key }).catch((e) => e))).toBe("forbidden");
    for (const customer of [member.actor, owner.actor]) {
      expect(
        code(
          await issueLicenseKey(db, customer, { product: "mobile-users", quantity: 1, validDays: 1 }).catch(
            (e) => e,
          ),
        ),
      ).toBe("not-found");
      expect(code(await listLicenseKeys(db, customer).catch((e) => e))).toBe("not-found");
      expect(code(await revokeLicenseKey(db, customer, { keyId: id }).catch((e) => e))).toBe("not-found");
    }
    const [row] = await db.select().from(licenseKeys).where(eq(licenseKeys.id, id));
    expect(row!.revokedAt).toBeNull();
    const operator = await actorFor(await makeUser({ staff: ["operator"] }));
    await revokeLicenseKey(db, operator, { keyId: id });
  });

  it("redeeming is rate-limited per organisation", async () => {
    const { admin } = await makeOrgWithPeople();
    const attempts = [];
    for (let i = 0; i < 12; i++) {
      attempts.push(
        await redeemLicenseKey(
          db,
          { ...admin.actor, ip: `10.9.${i}.1` },
          { key: generateLicenseKey() },
        ).catch((e) => e),
      );
    }
    expect(attempts.slice(0, 10).every((e) => code(e) === "not-found")).toBe(true);
    expect(code(attempts[10])).toBe("rate-limited");
    expect((attempts[11] as { retryAfterSeconds?: number }).retryAfterSeconds).toBeGreaterThan(0);
  });
});
