import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { licenses, products, servers } from "@/db/schema";
import { licenseStatus, usageLevel } from "@/lib/licenses/license-status";
import { licensesOverview } from "@/lib/licenses/licenses-overview";
import { refreshLicenseState } from "@/lib/licenses/refresh-license-state";
import { createProduct } from "@/lib/products/create-product";
import { listProducts } from "@/lib/products/list-products";
import { createProductSchema } from "@/lib/products/product-schema";
import { updateProduct } from "@/lib/products/update-product";
import { db } from "@/tests/setup/db";
import { actorFor, makeOrgWithPeople, makeUser, uniq } from "@/tests/setup/factories";
import { call, connect, makeServer, servedApi, serverRow } from "../protocol/harness";

const api = servedApi();

const DAY = 86_400_000;
const code = (e: unknown) => (e as { code?: string }).code;

describe("license status", () => {
  const now = Date.UTC(2026, 5, 1);
  const at = (days: number) => new Date(now + days * DAY);
  it.each([
    [{ validFrom: at(-10), validUntil: null, revokedAt: null }, "active"],
    [{ validFrom: at(-10), validUntil: at(15), revokedAt: null }, "active"],
    [{ validFrom: at(-10), validUntil: at(14), revokedAt: null }, "expiring"],
    [{ validFrom: at(-10), validUntil: at(0.01), revokedAt: null }, "expiring"],
    [{ validFrom: at(-10), validUntil: at(0), revokedAt: null }, "expired"],
    [{ validFrom: at(2), validUntil: at(30), revokedAt: null }, "pending"],
    [{ validFrom: at(-10), validUntil: at(5), revokedAt: at(-1) }, "revoked"],
  ] as const)("%o is %s", (l, expected) => {
    expect(licenseStatus(l, now)).toBe(expected);
  });

  it("warns from 80 % and alerts at 100 % of the owned users", () => {
    expect(usageLevel(null, 10)).toBe("ok");
    expect(usageLevel(0, 0)).toBe("ok");
    expect(usageLevel(7, 10)).toBe("ok");
    expect(usageLevel(8, 10)).toBe("warning");
    expect(usageLevel(9, 10)).toBe("warning");
    expect(usageLevel(10, 10)).toBe("alert");
    expect(usageLevel(12, 10)).toBe("alert");
    expect(usageLevel(1, 0)).toBe("alert");
  });

  it("the overview reports usage per server against the grants", async () => {
    const { org, member } = await makeOrgWithPeople();
    const s = await makeServer({
      organisationId: org.id,
      products: { "mobile-users": 10, "audio-video-users": 5 },
    });
    await db.update(servers).set({ usersMobile: 8, usersAudioVideo: 5 }).where(eq(servers.id, s.server.id));
    const overview = await licensesOverview(db, member.actor);
    const row = overview.servers.find((x) => x.id === s.server.id)!;
    expect(row.mobile).toEqual({ used: 8, owned: 10, level: "warning" });
    expect(row.audioVideo).toEqual({ used: 5, owned: 5, level: "alert" });
    expect(overview.canChange).toBe(false);
  });
});

const valid = (key: string) => ({
  key,
  nameDe: "Konferenzräume",
  nameEn: "Conference rooms",
  mobileUsersPerUnit: "2",
  audioVideoUsersPerUnit: "1",
  grantsPush: "on",
  trialQuantity: "0",
  active: "on",
  sortOrder: "50",
});

describe("product catalogue", () => {
  it("validates the form per field", () => {
    const bad = createProductSchema.safeParse({
      ...valid("Bad Key!"),
      nameDe: "",
      mobileUsersPerUnit: "-1",
      trialQuantity: "1.5",
    });
    expect(bad.success).toBe(false);
    const fields = Object.fromEntries(bad.error!.issues.map((i) => [i.path.join("."), i.message]));
    expect(fields).toMatchObject({
      key: "key-format",
      nameDe: "required",
      mobileUsersPerUnit: "too-small",
      trialQuantity: "whole-number",
    });
    const good = createProductSchema.parse(valid("rooms"));
    expect(good).toMatchObject({ grantsPush: true, grantsTurn: false, active: true, mobileUsersPerUnit: 2 });
  });

  it("only operators read and change it", async () => {
    const sales = await actorFor(await makeUser({ staff: ["sales"] }));
    const { owner } = await makeOrgWithPeople();
    const input = createProductSchema.parse(valid(`p-${uniq()}`));
    for (const who of [sales, owner.actor]) {
      expect(code(await listProducts(db, who).catch((e) => e))).toBe("not-found");
      expect(code(await createProduct(db, who, input).catch((e) => e))).toBe("not-found");
      expect(code(await updateProduct(db, who, { ...input, key: "mobile-users" }).catch((e) => e))).toBe(
        "not-found",
      );
    }
    expect(await db.select().from(products).where(eq(products.key, input.key))).toHaveLength(0);
  });

  it("creates once; a taken key is a field error", async () => {
    const operator = await actorFor(await makeUser({ staff: ["operator"] }));
    const input = createProductSchema.parse(valid(`p-${uniq()}`));
    await createProduct(db, operator, input);
    const again = await createProduct(db, operator, input).catch((e) => e);
    expect(code(again)).toBe("conflict");
    expect(again.fields[0].message).toBe("key-taken");
    const listed = await listProducts(db, operator);
    expect(listed.map((p) => p.key)).toEqual(
      expect.arrayContaining(["ucconnect-base", "mobile-users", "audio-video-users", input.key]),
    );
  });

  it("changing what a product grants bumps the servers holding it; renaming does not", async () => {
    const operator = await actorFor(await makeUser({ staff: ["operator"] }));
    const key = `p-${uniq()}`;
    const input = createProductSchema.parse({ ...valid(key), grantsPush: undefined });
    await createProduct(db, operator, input);
    const s = await makeServer({ acceptTerms: true });
    await db.insert(licenses).values({
      serverId: s.server.id,
      productKey: key,
      quantity: 3,
      validFrom: new Date(Date.now() - 60_000),
    });
    await refreshLicenseState(db, s.server.id);
    const { token } = await connect(api, s.serverId, s.password);
    const before = await call(api, "GET", "/licenses", { token });
    expect(before.json.entitlements).toMatchObject({ mobileUsers: 6 });

    const rev = (await serverRow(s.server.id)).licensesRevision;
    await updateProduct(db, operator, { ...input, nameEn: "Rooms, renamed" });
    expect((await serverRow(s.server.id)).licensesRevision).toBe(rev);

    const { serversRefreshed } = await updateProduct(db, operator, {
      ...input,
      nameEn: "Rooms, renamed",
      mobileUsersPerUnit: 5,
    });
    expect(serversRefreshed).toBe(1);
    const after = await call(api, "GET", "/licenses", { token });
    expect(after.json.entitlements).toMatchObject({ mobileUsers: 15 });
    expect(after.json.version).not.toBe(before.json.version);
  });
});
