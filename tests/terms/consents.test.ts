import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useOwnDatabase } from "@/tests/protocol/own-database";

// Publishing terms concerns every server and owner in the database, so this file has its own.
let dropDb: () => Promise<void>;
let h: typeof import("@/tests/protocol/harness");
let api: import("@/tests/protocol/harness").Api;
beforeAll(async () => {
  dropDb = await useOwnDatabase("terms_portal");
  h = await import("@/tests/protocol/harness");
  api = await h.startApi();
});
afterAll(async () => {
  await api?.close();
  await dropDb?.();
});

async function deps() {
  const { db } = await import("@/db/client");
  const schema = await import("@/db/schema");
  const { publishTermsVersion } = await import("@/lib/terms/publish-terms-version");
  const { acceptTermsInPortal } = await import("@/lib/terms/accept-terms-in-portal");
  const { acceptTermsFromUcserver } = await import("@/lib/terms/accept-terms-from-ucserver");
  const { listOrgConsents } = await import("@/lib/terms/list-org-consents");
  const { exportConsentsCsv } = await import("@/lib/terms/export-consents-csv");
  const { listOrgTerms } = await import("@/lib/terms/list-org-terms");
  const f = await import("@/tests/setup/factories");
  return {
    db,
    schema,
    publishTermsVersion,
    acceptTermsInPortal,
    acceptTermsFromUcserver,
    listOrgConsents,
    exportConsentsCsv,
    listOrgTerms,
    f,
  };
}

async function current() {
  const { db, schema } = await deps();
  const docs = await db.select().from(schema.termsDocuments).where(eq(schema.termsDocuments.isCurrent, true));
  return docs.map((d) => ({ kind: d.kind, version: d.version }));
}

type Ent = { push: boolean; turn: boolean };

describe("consent ledger", () => {
  it("shows and exports only the organisation's consents, portal and UCServer alike, escaped", async () => {
    const d = await deps();
    const a = await d.f.makeOrgWithPeople();
    const b = await d.f.makeOrgWithPeople();
    const sa = await h.makeServer({ organisationId: a.org.id });
    const sb = await h.makeServer({ organisationId: b.org.id });
    await d.acceptTermsInPortal(d.db, a.owner.actor, { accept: await current() });
    await d.acceptTermsFromUcserver(d.db, {
      server: sa.server,
      accept: await current(),
      acceptedBy: '=HYPERLINK("http://evil.example","click")',
      ip: "10.1.2.3",
    });
    await d.acceptTermsInPortal(d.db, b.owner.actor, { accept: await current() });
    await d.acceptTermsFromUcserver(d.db, {
      server: sb.server,
      accept: await current(),
      acceptedBy: "B admin",
      ip: "10.9.9.9",
    });

    const page = await d.listOrgConsents(d.db, a.admin.actor, { page: 1 });
    expect(page.total).toBe(6);
    expect(new Set(page.rows.map((r) => r.source))).toEqual(new Set(["portal", "ucserver"]));
    expect(page.rows.every((r) => r.acceptedBy !== "B admin")).toBe(true);
    expect(page.rows.filter((r) => r.server?.id === sa.server.id)).toHaveLength(3);
    expect(page.rows.filter((r) => r.source === "portal").every((r) => r.acceptedBy === a.owner.email)).toBe(
      true,
    );

    const { csv } = await d.exportConsentsCsv(d.db, a.owner.actor);
    expect(
      csv.startsWith("\uFEFFaccepted_at,kind,version,accepted_by,source,server_id,server_name,ip\r\n"),
    ).toBe(true);
    const lines = csv.slice(1).trimEnd().split("\r\n");
    expect(lines).toHaveLength(7);
    expect(csv).not.toContain("B admin");
    expect(csv).not.toContain("10.9.9.9");
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")",ucserver,${sa.serverId},`);
    expect(csv).toContain("10.1.2.3");

    // Members see the documents' state, never the ledger (names, IP addresses).
    await expect(d.listOrgConsents(d.db, a.member.actor, { page: 1 })).rejects.toMatchObject({
      code: "forbidden",
    });
    await expect(d.exportConsentsCsv(d.db, a.member.actor)).rejects.toMatchObject({ code: "forbidden" });
    expect(
      (await d.listOrgTerms(d.db, a.member.actor)).every((t) => t.acceptance?.acceptedBy === a.owner.email),
    ).toBe(true);
  });

  it("pages through a long ledger", async () => {
    const d = await deps();
    const a = await d.f.makeOrgWithPeople();
    for (let i = 0; i < 9; i++) {
      const s = await h.makeServer({ organisationId: a.org.id });
      await d.acceptTermsFromUcserver(d.db, {
        server: s.server,
        accept: await current(),
        acceptedBy: `s${i}`,
        ip: null,
      });
    }
    const p1 = await d.listOrgConsents(d.db, a.owner.actor, { page: 1 });
    const p2 = await d.listOrgConsents(d.db, a.owner.actor, { page: 2 });
    expect([p1.total, p1.pages, p1.rows.length, p2.rows.length]).toEqual([27, 2, 25, 2]);
    expect(new Set([...p1.rows, ...p2.rows].map((r) => r.id)).size).toBe(27);
  });
});

describe("accepting and publishing", () => {
  it("only owners and admins accept in the portal; a member's attempt records nothing", async () => {
    const d = await deps();
    const a = await d.f.makeOrgWithPeople();
    await expect(
      d.acceptTermsInPortal(d.db, a.member.actor, { accept: await current() }),
    ).rejects.toMatchObject({
      code: "forbidden",
    });
    const rows = await d.db
      .select()
      .from(d.schema.termsAcceptances)
      .where(eq(d.schema.termsAcceptances.organisationId, a.org.id));
    expect(rows).toHaveLength(0);
    await d.acceptTermsInPortal(d.db, a.admin.actor, { accept: await current() });
    expect(
      (await d.listOrgTerms(d.db, a.member.actor)).every((t) => t.acceptance?.acceptedBy === a.admin.email),
    ).toBe(true);
  });

  it("a new version is required again: push and TURN off until accepted in the portal; owners told once each", async () => {
    const d = await deps();
    const a = await d.f.makeOrgWithPeople();
    const englishOwner = await d.f.makeUser({ locale: "en" });
    await d.f.addMember(a.org.id, englishOwner.id, "owner");
    const s = await h.makeServer({
      organisationId: a.org.id,
      products: { "ucconnect-base": 1, "audio-video-users": 2 },
    });
    await d.acceptTermsInPortal(d.db, a.owner.actor, { accept: await current() });
    const { token } = await h.connect(api, s.serverId, s.password);
    const before = await h.call(api, "GET", "/licenses", { token });
    expect(before.json.entitlements as Ent).toMatchObject({ push: true, turn: true });

    const operator = await d.f.makeUser({ staff: ["operator"] });
    const version = `2027-${d.f.uniq()}`;
    await d.publishTermsVersion(d.db, await d.f.actorFor(operator), {
      kind: "license-terms",
      version,
      titleDe: "Lizenzbedingungen",
      titleEn: "License terms",
    });
    const [doc] = await d.db
      .select()
      .from(d.schema.termsDocuments)
      .where(eq(d.schema.termsDocuments.version, version));
    expect(doc!.url).toMatch(new RegExp(`/legal/license-terms/${version}$`));

    const off = await h.call(api, "GET", "/licenses", { token });
    expect(off.json.entitlements as Ent).toMatchObject({ push: false, turn: false });
    const session = await h.connect(api, s.serverId, s.password);
    expect((session.terms as { required: { version: string }[] }).required.map((r) => r.version)).toEqual([
      version,
    ]);

    const mails = await d.db
      .select()
      .from(d.schema.mailOutbox)
      .where(eq(d.schema.mailOutbox.template, "terms-published"));
    const forOrg = mails.filter((m) =>
      [a.owner.email, englishOwner.email, a.admin.email].includes(m.toAddress),
    );
    expect(forOrg.map((m) => [m.toAddress, m.subject]).sort()).toEqual(
      [
        [a.owner.email, `Neue Version: Lizenzbedingungen (${version})`],
        [englishOwner.email, `New version: License terms (${version})`],
      ].sort(),
    );
    expect(forOrg[0]!.text).toContain("/terms");

    await d.acceptTermsInPortal(d.db, a.admin.actor, { accept: [{ kind: "license-terms", version }] });
    const on = await h.call(api, "GET", "/licenses", { token });
    expect(on.json.entitlements as Ent).toMatchObject({ push: true, turn: true });
  });

  it("rejects a version string that cannot be a URL segment", async () => {
    const { publishTermsVersionSchema } = await import("@/lib/terms/publish-terms-version");
    const bad = publishTermsVersionSchema.safeParse({
      kind: "privacy-policy",
      version: "../x y",
      titleDe: "x",
      titleEn: "x",
    });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["version", "invalid-version"],
    ]);
  });
});

describe("notification settings", () => {
  it("an owner turns e-mails off for an organisation they own; anyone else gets 404", async () => {
    const d = await deps();
    const { updateNotificationSettings } = await import("@/lib/notifications/update-notification-settings");
    const { listNotificationSettings } = await import("@/lib/notifications/list-notification-settings");
    const a = await d.f.makeOrgWithPeople();
    const b = await d.f.makeOrgWithPeople();
    await updateNotificationSettings(d.db, a.owner.actor, {
      organisationId: a.org.id,
      notifyServerStatus: false,
      notifyExpiry: true,
    });
    expect(await listNotificationSettings(d.db, a.owner.actor)).toEqual([
      {
        organisationId: a.org.id,
        organisationName: a.org.name,
        notifyServerStatus: false,
        notifyExpiry: true,
      },
    ]);
    for (const [actor, org] of [
      [a.owner.actor, b.org.id],
      [a.admin.actor, a.org.id],
    ] as const) {
      await expect(
        updateNotificationSettings(d.db, actor, {
          organisationId: org,
          notifyServerStatus: false,
          notifyExpiry: false,
        }),
      ).rejects.toMatchObject({ code: "not-found" });
    }
    expect(await listNotificationSettings(d.db, a.admin.actor)).toEqual([]);
    const [bOwner] = await listNotificationSettings(d.db, b.owner.actor);
    expect(bOwner).toMatchObject({ notifyServerStatus: true, notifyExpiry: true });
  });
});
