import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as schema from "@/db/schema";
import { listNotificationSettings } from "@/lib/notifications/list-notification-settings";
import { updateNotificationSettings } from "@/lib/notifications/update-notification-settings";
import { acceptTermsFromUcserver } from "@/lib/terms/accept-terms-from-ucserver";
import { acceptTermsInPortal } from "@/lib/terms/accept-terms-in-portal";
import { exportConsentsCsv } from "@/lib/terms/export-consents-csv";
import { listOrgConsents } from "@/lib/terms/list-org-consents";
import { listOrgTerms } from "@/lib/terms/list-org-terms";
import { publishTermsVersion, publishTermsVersionSchema } from "@/lib/terms/publish-terms-version";
import * as h from "@/tests/protocol/harness";
import { db } from "@/tests/setup/db";
import * as f from "@/tests/setup/factories";
import { withOwnDatabase } from "@/tests/setup/own-database";

// Publishing terms concerns every server and owner in the database, so this file has its own.
withOwnDatabase("terms_portal");

let api: import("@/tests/protocol/harness").Api;
beforeAll(async () => {
  api = await h.startApi();
});
afterAll(async () => {
  await api?.close();
});

async function current() {
  const docs = await db.select().from(schema.termsDocuments).where(eq(schema.termsDocuments.isCurrent, true));
  return docs.map((d) => ({ kind: d.kind, version: d.version }));
}

type Ent = { push: boolean; turn: boolean };

describe("consent ledger", () => {
  it("shows and exports only the organisation's consents, portal and UCServer alike, escaped", async () => {
    const a = await f.makeOrgWithPeople();
    const b = await f.makeOrgWithPeople();
    const sa = await h.makeServer({ organisationId: a.org.id });
    const sb = await h.makeServer({ organisationId: b.org.id });
    await acceptTermsInPortal(db, a.owner.actor, { accept: await current() });
    await acceptTermsFromUcserver(db, {
      server: sa.server,
      accept: await current(),
      acceptedBy: '=HYPERLINK("http://evil.example","click")',
      ip: "10.1.2.3",
    });
    await acceptTermsInPortal(db, b.owner.actor, { accept: await current() });
    await acceptTermsFromUcserver(db, {
      server: sb.server,
      accept: await current(),
      acceptedBy: "B admin",
      ip: "10.9.9.9",
    });

    const page = await listOrgConsents(db, a.admin.actor, { page: 1 });
    expect(page.total).toBe(6);
    expect(new Set(page.rows.map((r) => r.source))).toEqual(new Set(["portal", "ucserver"]));
    expect(page.rows.every((r) => r.acceptedBy !== "B admin")).toBe(true);
    expect(page.rows.filter((r) => r.server?.id === sa.server.id)).toHaveLength(3);
    expect(page.rows.filter((r) => r.source === "portal").every((r) => r.acceptedBy === a.owner.email)).toBe(
      true,
    );

    const { csv } = await exportConsentsCsv(db, a.owner.actor);
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
    await expect(listOrgConsents(db, a.member.actor, { page: 1 })).rejects.toMatchObject({
      code: "forbidden",
    });
    await expect(exportConsentsCsv(db, a.member.actor)).rejects.toMatchObject({ code: "forbidden" });
    expect(
      (await listOrgTerms(db, a.member.actor)).every((t) => t.acceptance?.acceptedBy === a.owner.email),
    ).toBe(true);
  });

  it("pages through a long ledger", async () => {
    const a = await f.makeOrgWithPeople();
    for (let i = 0; i < 9; i++) {
      const s = await h.makeServer({ organisationId: a.org.id });
      await acceptTermsFromUcserver(db, {
        server: s.server,
        accept: await current(),
        acceptedBy: `s${i}`,
        ip: null,
      });
    }
    const p1 = await listOrgConsents(db, a.owner.actor, { page: 1 });
    const p2 = await listOrgConsents(db, a.owner.actor, { page: 2 });
    expect([p1.total, p1.pages, p1.rows.length, p2.rows.length]).toEqual([27, 2, 25, 2]);
    expect(new Set([...p1.rows, ...p2.rows].map((r) => r.id)).size).toBe(27);
  });
});

describe("accepting and publishing", () => {
  it("only owners and admins accept in the portal; a member's attempt records nothing", async () => {
    const a = await f.makeOrgWithPeople();
    await expect(acceptTermsInPortal(db, a.member.actor, { accept: await current() })).rejects.toMatchObject({
      code: "forbidden",
    });
    const rows = await db
      .select()
      .from(schema.termsAcceptances)
      .where(eq(schema.termsAcceptances.organisationId, a.org.id));
    expect(rows).toHaveLength(0);
    await acceptTermsInPortal(db, a.admin.actor, { accept: await current() });
    expect(
      (await listOrgTerms(db, a.member.actor)).every((t) => t.acceptance?.acceptedBy === a.admin.email),
    ).toBe(true);
  });

  it("a new version is required again: push and TURN off until accepted in the portal; owners told once each", async () => {
    const a = await f.makeOrgWithPeople();
    const englishOwner = await f.makeUser({ locale: "en" });
    await f.addMember(a.org.id, englishOwner.id, "owner");
    const s = await h.makeServer({
      organisationId: a.org.id,
      products: { "ucconnect-base": 1, "audio-video-users": 2 },
    });
    await acceptTermsInPortal(db, a.owner.actor, { accept: await current() });
    const { token } = await h.connect(api, s.serverId, s.password);
    const before = await h.call(api, "GET", "/licenses", { token });
    expect(before.json.entitlements as Ent).toMatchObject({ push: true, turn: true });

    const operator = await f.makeUser({ staff: ["operator"] });
    const version = `2027-${f.uniq()}`;
    await publishTermsVersion(db, await f.actorFor(operator), {
      kind: "license-terms",
      version,
      titleDe: "Lizenzbedingungen",
      titleEn: "License terms",
    });
    const [doc] = await db
      .select()
      .from(schema.termsDocuments)
      .where(eq(schema.termsDocuments.version, version));
    expect(doc!.url).toMatch(new RegExp(`/legal/license-terms/${version}$`));

    const off = await h.call(api, "GET", "/licenses", { token });
    expect(off.json.entitlements as Ent).toMatchObject({ push: false, turn: false });
    const session = await h.connect(api, s.serverId, s.password);
    expect((session.terms as { required: { version: string }[] }).required.map((r) => r.version)).toEqual([
      version,
    ]);

    const mails = await db
      .select()
      .from(schema.mailOutbox)
      .where(eq(schema.mailOutbox.template, "terms-published"));
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

    await acceptTermsInPortal(db, a.admin.actor, { accept: [{ kind: "license-terms", version }] });
    const on = await h.call(api, "GET", "/licenses", { token });
    expect(on.json.entitlements as Ent).toMatchObject({ push: true, turn: true });
  });

  it("rejects a version string that cannot be a URL segment", async () => {
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
    const a = await f.makeOrgWithPeople();
    const b = await f.makeOrgWithPeople();
    await updateNotificationSettings(db, a.owner.actor, {
      organisationId: a.org.id,
      notifyServerStatus: false,
      notifyExpiry: true,
    });
    expect(await listNotificationSettings(db, a.owner.actor)).toEqual([
      {
        organisationId: a.org.id,
        organisationName: a.org.name,
        notifyServerStatus: false,
        notifyExpiry: true,
        notifyConnectivity: false,
      },
    ]);
    for (const [actor, org] of [
      [a.owner.actor, b.org.id],
      [a.admin.actor, a.org.id],
    ] as const) {
      await expect(
        updateNotificationSettings(db, actor, {
          organisationId: org,
          notifyServerStatus: false,
          notifyExpiry: false,
        }),
      ).rejects.toMatchObject({ code: "not-found" });
    }
    expect(await listNotificationSettings(db, a.admin.actor)).toEqual([]);
    const [bOwner] = await listNotificationSettings(db, b.owner.actor);
    expect(bOwner).toMatchObject({ notifyServerStatus: true, notifyExpiry: true, notifyConnectivity: true });
  });
});
