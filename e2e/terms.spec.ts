import { readFile } from "node:fs/promises";
import { and, eq } from "drizzle-orm";
import { licenses, termsAcceptances, termsDocuments } from "@/db/schema";
import { db, expect, factories, screenshot, signInAs, test, waitForMail } from "./support/fixtures";
import { E2E_BASE_URL } from "./support/run";

// Publishing a version changes what is current for everybody, so this file runs in order and
// always accepts whatever is current at the moment it acts.
test.describe.configure({ mode: "serial" });

const { refreshLicenseState } = await import("@/lib/licenses/refresh-license-state");
const { registerServer } = await import("@/lib/servers/register-server");
const { acceptTermsInPortal } = await import("@/lib/terms/accept-terms-in-portal");
const { acceptTermsFromUcserver } = await import("@/lib/terms/accept-terms-from-ucserver");

const api = `${E2E_BASE_URL}/api/v1/ucserver`;

async function currentDocs() {
  const docs = await db.select().from(termsDocuments).where(eq(termsDocuments.isCurrent, true));
  return docs.map((d) => ({ kind: d.kind, version: d.version }));
}

/** An organisation with owner, admin and member, its terms accepted, and a licensed UCServer with a session. */
async function customer() {
  const people = await factories.makeOrgWithPeople();
  await acceptTermsInPortal(db, people.owner.actor, { accept: await currentDocs() });
  const server = await registerServer(db, people.owner.actor, { name: `Zentrale ${factories.uniq()}` });
  await db.insert(licenses).values(
    (["ucconnect-base", "audio-video-users"] as const).map((productKey) => ({
      serverId: server.id,
      organisationId: people.org.id,
      productKey,
      quantity: 2,
      validFrom: new Date(Date.now() - 60_000),
    })),
  );
  await refreshLicenseState(db, server.id);
  const res = await fetch(`${api}/sessions`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      serverId: server.serverId,
      password: server.password,
      ucserverVersion: "6.4.0.1234",
    }),
  });
  expect(res.status, await res.clone().text()).toBe(201);
  const { token } = (await res.json()) as { token: string };
  return { ...people, server, token };
}

async function entitlements(token: string) {
  const res = await fetch(`${api}/licenses`, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status).toBe(200);
  return ((await res.json()) as { entitlements: { push: boolean; turn: boolean } }).entitlements;
}

test("an operator publishes a version; the UCServer loses push/TURN until the owner accepts in the portal", async ({
  browser,
}) => {
  // Publishing mails every owner in the (shared) database; the outbox may take a while.
  test.slow();
  const c = await customer();
  expect(await entitlements(c.token)).toMatchObject({ push: true, turn: true });

  const operator = await factories.makeUser({ staff: ["operator"] });
  const opCtx = await browser.newContext();
  await signInAs(opCtx, operator.id);
  const op = await opCtx.newPage();
  await op.goto("/operator/terms");
  const version = `2027-${factories.uniq()}`;
  // A version that cannot be part of a URL is refused next to its field.
  await op.getByLabel("Dokument").selectOption("privacy-policy");
  await op.getByLabel("Version", { exact: true }).fill("neu / 1");
  await op.getByLabel("Titel (Deutsch)").fill("Datenschutzerklärung");
  await op.getByLabel("Titel (Englisch)").fill("Privacy policy");
  await op.getByRole("button", { name: "Version veröffentlichen" }).click();
  await expect(op.locator('[data-field-error="version"]')).toContainText("Buchstaben, Ziffern");
  await op.getByLabel("Version", { exact: true }).fill(version);
  await op.getByRole("button", { name: "Version veröffentlichen" }).click();
  await expect(op.getByText("Die Version ist veröffentlicht")).toBeVisible();
  await expect(op.locator(`[data-kind="privacy-policy"] tr[data-version="${version}"]`)).toContainText(
    "Aktuell",
  );
  await screenshot(op, "terms-operator-published");
  await opCtx.close();

  expect(await entitlements(c.token)).toMatchObject({ push: false, turn: false });
  const mail = await waitForMail(c.owner.email, (m) => (m.subject ?? "").includes(version));
  expect(mail.subject).toBe(`Neue Version: Datenschutzerklärung (${version})`);
  expect(mail.text).toContain(`${E2E_BASE_URL}/terms`);

  const ownerCtx = await browser.newContext();
  await signInAs(ownerCtx, c.owner.id);
  const page = await ownerCtx.newPage();
  await page.goto("/terms");
  const card = page.locator('[data-terms="privacy-policy"]');
  await expect(card).toContainText(`Version ${version}`);
  await expect(card).toContainText("Noch nicht akzeptiert");
  // Without the confirmation nothing happens.
  await page.getByRole("button", { name: "Dokumente akzeptieren" }).click();
  await expect(page.locator('[data-field-error="confirm"]')).toBeVisible();
  await screenshot(page, "terms-required");
  expect(await entitlements(c.token)).toMatchObject({ push: false, turn: false });
  await page.getByRole("checkbox").check();
  await page.getByRole("button", { name: "Dokumente akzeptieren" }).click();
  // Once everything is accepted the form gives way to the green summary.
  await expect(page.getByText("Ihre Organisation hat alle aktuellen Dokumente akzeptiert")).toBeVisible();
  await expect(page.getByRole("button", { name: "Dokumente akzeptieren" })).toHaveCount(0);
  await page.reload();
  await expect(card).toContainText(`von ${c.owner.email}`);
  await expect(page.getByText("Ihre Organisation hat alle aktuellen Dokumente akzeptiert")).toBeVisible();
  await screenshot(page, "terms-accepted");
  expect(await entitlements(c.token)).toMatchObject({ push: true, turn: true });

  // The public document page, in the reader's language, without signing in.
  const anon = await browser.newContext({ locale: "en-GB" });
  const legal = await anon.newPage();
  const res = await legal.goto(`/legal/privacy-policy/${version}`);
  expect(res?.status()).toBe(200);
  await expect(legal.getByRole("heading", { level: 1 })).toHaveText(`Privacy policy – version ${version}`);
  await expect(legal.getByRole("heading", { name: "5. Your rights" })).toBeVisible();
  await screenshot(legal, "terms-legal-page");
  expect((await legal.goto("/legal/privacy-policy/no-such-version"))?.status()).toBe(404);
  expect((await legal.goto(`/legal/cookie-policy/${version}`))?.status()).toBe(404);
  await anon.close();
  await ownerCtx.close();
});

test("the consent CSV holds the organisation's consents only; another organisation's never appear", async ({
  page,
}) => {
  const a = await customer();
  const b = await customer();
  const secret = `B-Admin-${factories.uniq()}`;
  await acceptTermsFromUcserver(db, {
    server: { id: b.server.id, code: b.server.serverId.replace(/-/g, ""), organisationId: b.org.id },
    accept: await currentDocs(),
    acceptedBy: secret,
    ip: "198.51.100.7",
  });
  // An admin name that a spreadsheet would run as a formula.
  await acceptTermsFromUcserver(db, {
    server: { id: a.server.id, code: a.server.serverId.replace(/-/g, ""), organisationId: a.org.id },
    accept: await currentDocs(),
    acceptedBy: "=1+1",
    ip: "203.0.113.5",
  });

  await signInAs(page.context(), a.admin.id);
  await page.goto("/terms");
  await expect(page.getByRole("heading", { name: "Nachweis der Zustimmungen" })).toBeVisible();
  await expect(page.locator("tr[data-consent]").first()).toBeVisible();
  await expect(page.getByText(secret)).toHaveCount(0);
  await expect(page.getByText("198.51.100.7")).toHaveCount(0);
  await screenshot(page, "terms-ledger");

  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "CSV herunterladen" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^consents-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = await readFile((await download.path())!, "utf8");
  expect(csv.charCodeAt(0)).toBe(0xfeff);
  const lines = csv.slice(1).trimEnd().split("\r\n");
  expect(lines[0]).toBe("accepted_at,kind,version,accepted_by,source,server_id,server_name,ip");
  const rows = await db.select().from(termsAcceptances).where(eq(termsAcceptances.organisationId, a.org.id));
  expect(lines.filter((l) => l.includes(`,${a.owner.email},portal,`))).toHaveLength(rows.length);
  expect(lines.some((l) => l.includes(`,'=1+1,ucserver,${a.server.serverId},`))).toBe(true);
  expect(csv).not.toContain(secret);
  expect(csv).not.toContain(b.owner.email);

  // A member sees neither ledger nor download.
  const memberCtx = await page.context().browser()!.newContext();
  await signInAs(memberCtx, a.member.id);
  const member = await memberCtx.newPage();
  await member.goto("/terms");
  await expect(
    member.getByText("Den Nachweis der Zustimmungen sehen Inhaber und Administratoren."),
  ).toBeVisible();
  expect((await member.goto("/api/terms/consents.csv"))?.status()).toBe(404);
  await memberCtx.close();
});

test("a member replaying the admin's accept form is refused and nothing is recorded", async ({ browser }) => {
  // No consent yet, so the admin's page shows the accept form.
  const { org, admin, member } = await factories.makeOrgWithPeople();
  const adminCtx = await browser.newContext();
  await signInAs(adminCtx, admin.id);
  const adminPage = await adminCtx.newPage();
  await adminPage.goto("/terms");
  const formHtml = await adminPage.locator("form:has(input[name=documents])").evaluate((f) => f.outerHTML);
  const memberCtx = await browser.newContext();
  await signInAs(memberCtx, member.id);
  const memberPage = await memberCtx.newPage();
  await memberPage.goto("/terms");
  await expect(memberPage.getByText("Nur Inhaber und Administratoren")).toBeVisible();
  await expect(memberPage.locator("form:has(input[name=documents])")).toHaveCount(0);
  await screenshot(memberPage, "terms-member");

  const replay = async (target: import("@playwright/test").Page) => {
    const response = target.waitForResponse((r) => r.request().method() === "POST");
    await target.evaluate(
      ({ html }) => {
        const holder = document.createElement("div");
        holder.innerHTML = html;
        const form = holder.querySelector("form")!;
        form.method = "post";
        form.enctype = "multipart/form-data";
        form.action = "/terms";
        const box = form.querySelector<HTMLInputElement>('input[name="confirm"]')!;
        box.checked = true;
        document.body.appendChild(holder);
        form.submit();
      },
      { html: formHtml },
    );
    return response;
  };
  await replay(memberPage);
  const none = await db.select().from(termsAcceptances).where(eq(termsAcceptances.organisationId, org.id));
  expect(none).toHaveLength(0);
  // The same replay by the admin records, so the refusal above was the role, not a broken replay.
  const adminPage2 = await adminCtx.newPage();
  await adminPage2.goto("/terms");
  await replay(adminPage2);
  await expect
    .poll(
      async () =>
        (
          await db
            .select()
            .from(termsAcceptances)
            .where(
              and(eq(termsAcceptances.organisationId, org.id), eq(termsAcceptances.acceptedBy, admin.email)),
            )
        ).length,
    )
    .toBeGreaterThan(0);
  await adminCtx.close();
  await memberCtx.close();
});

test("an owner turns server status e-mails off in the settings", async ({ page }) => {
  const { org, owner } = await factories.makeOrgWithPeople();
  await signInAs(page.context(), owner.id);
  await page.goto("/settings");
  await expect(page.getByRole("heading", { name: "Benachrichtigungen" })).toBeVisible();
  await page.getByLabel("Serverstatus").uncheck();
  await page.getByRole("button", { name: "Benachrichtigungen speichern" }).click();
  await expect(page.getByText("Ihre Benachrichtigungseinstellungen wurden gespeichert.")).toBeVisible();
  await screenshot(page, "settings-notifications");
  const { listNotificationSettings } = await import("@/lib/notifications/list-notification-settings");
  expect(await listNotificationSettings(db, owner.actor)).toEqual([
    {
      organisationId: org.id,
      organisationName: org.name,
      notifyServerStatus: false,
      notifyExpiry: true,
      notifyConnectivity: true,
    },
  ]);
});

test("the running portal tells the owner by e-mail when a server goes offline", async () => {
  const { serverStatusEvents } = await import("@/db/schema");
  const c = await customer();
  await db.insert(serverStatusEvents).values({
    serverId: c.server.id,
    fromStatus: "online",
    toStatus: "offline",
    at: new Date(),
    reason: "e2e",
  });
  // The notification worker runs every few seconds in the portal process, then the mail worker sends.
  const mail = await waitForMail(c.owner.email, (m) => (m.subject ?? "").includes("offline"));
  expect(mail.subject).toMatch(/^UCServer „Zentrale .+“ ist offline$/);
  expect(mail.text).toContain(c.server.serverId);
});
