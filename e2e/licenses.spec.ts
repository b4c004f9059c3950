import type { Page } from "@playwright/test";
import { eq } from "drizzle-orm";
import { licenseKeys, licenses, products, servers } from "@/db/schema";
import { registerServer } from "@/lib/servers/register-server";
import { db, expect, factories, screenshot, signInAs, test } from "./support/fixtures";
import { replayForm } from "./support/replay-form";
import { E2E_BASE_URL } from "./support/run";

const PROTOCOL = `${E2E_BASE_URL}/api/v1/ucserver`;

/** What the UCServer is told about its licenses, asked the way a UCServer asks. */
async function protocolLicenses(serverId: string, password: string) {
  const session = await fetch(`${PROTOCOL}/sessions`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ serverId, password, ucserverVersion: "6.4.0.1234" }),
  });
  expect(session.status).toBe(201);
  const { token } = (await session.json()) as { token: string };
  const res = await fetch(`${PROTOCOL}/licenses`, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status).toBe(200);
  return (await res.json()) as {
    version: string;
    entitlements: { mobileUsers: number; audioVideoUsers: number };
  };
}

async function licenseRow(id: string) {
  const [row] = await db.select().from(licenses).where(eq(licenses.id, id));
  return row!;
}

test("sales issues a key, the customer redeems and assigns it, the UCServer sees the new entitlements", async ({
  browser,
}) => {
  const sales = await factories.makeUser({ staff: ["sales"], name: "Sabine Vertrieb" });
  const salesCtx = await browser.newContext();
  await signInAs(salesCtx, sales.id);
  const salesPage = await salesCtx.newPage();
  await salesPage.goto("/sales/license-keys");
  await salesPage.getByLabel("Produkt").selectOption("mobile-users");
  await salesPage.getByLabel("Anzahl").fill("abc");
  await salesPage.getByRole("button", { name: "Schlüssel ausstellen" }).click();
  await expect(salesPage.locator("[data-field-error=quantity]")).toHaveText(
    "Bitte geben Sie eine ganze Zahl ein.",
  );
  await salesPage.getByLabel("Anzahl").fill("10");
  await salesPage.getByLabel("Gültig für (Tage)").fill("10");
  await salesPage.getByLabel("Notiz (intern)").fill("Muster GmbH, Auftrag 4711");
  await salesPage.getByRole("button", { name: "Schlüssel ausstellen" }).click();
  const shown = salesPage.locator("[data-issued-key] code");
  await expect(shown).toHaveText(/^UCL(-[0-9A-Z]{4}){4}$/);
  const key = (await shown.textContent())!;
  await expect(salesPage.locator(`[data-key-hint="${key.slice(-4)}"]`)).toContainText("Offen");
  await screenshot(salesPage, "license-keys-issued");
  // Shown once: after a reload only the hint is left.
  await salesPage.reload();
  await expect(salesPage.getByText(key)).toHaveCount(0);

  const { org, admin } = await factories.makeOrgWithPeople();
  const server = await registerServer(db, admin.actor, { name: "UCServer Zentrale" });
  await db.update(servers).set({ usersMobile: 9, usersAudioVideo: 2 }).where(eq(servers.id, server.id));
  const before = await protocolLicenses(server.serverId, server.password);
  expect(before.entitlements.mobileUsers).toBe(0);

  const adminCtx = await browser.newContext();
  await signInAs(adminCtx, admin.id);
  const page = await adminCtx.newPage();
  await page.goto("/licenses");
  await expect(page.getByText("Noch keine Lizenzen")).toBeVisible();
  await screenshot(page, "licenses-empty");
  await page.getByLabel("Lizenzschlüssel").fill("UCL-0000-0000-0000-0000");
  await page.getByRole("button", { name: "Einlösen" }).click();
  await expect(page.locator("[data-field-error=key]")).toContainText("unbekannt");
  // Typed sloppily: lower case, spaces instead of hyphens.
  await page.getByLabel("Lizenzschlüssel").fill(key.toLowerCase().replace(/-/g, " "));
  await page.getByRole("button", { name: "Einlösen" }).click();
  await expect(page.getByText("Der Schlüssel wurde eingelöst.")).toBeVisible();
  const [redeemed] = await db.select().from(licenses).where(eq(licenses.organisationId, org.id));
  expect(redeemed).toMatchObject({ serverId: null, quantity: 10, productKey: "mobile-users" });
  const row = page.locator(`tr[data-license="${redeemed!.id}"]`);
  await expect(row).toContainText("Nicht zugewiesen");
  await expect(row).toContainText("Läuft bald ab");
  // A used key is refused next to the field.
  await page.getByLabel("Lizenzschlüssel").fill(key);
  await page.getByRole("button", { name: "Einlösen" }).click();
  await expect(page.locator("[data-field-error=key]")).toHaveText(
    "Dieser Lizenzschlüssel wurde bereits eingelöst.",
  );

  await row.locator("select[name=serverId]").selectOption(server.id);
  await row.getByRole("button", { name: "Zuweisen" }).click();
  await expect(row).toContainText("UCServer Zentrale");
  await expect(page.locator(`[data-server="${server.serverId}"] [data-level=warning]`)).toContainText(
    "9 von 10",
  );
  await screenshot(page, "licenses-assigned");

  const after = await protocolLicenses(server.serverId, server.password);
  expect(after.entitlements.mobileUsers).toBe(10);
  expect(after.version).not.toBe(before.version);

  await salesPage.reload();
  await expect(salesPage.locator(`[data-key-hint="${key.slice(-4)}"]`)).toContainText(org.name);
  const [keyRow] = await db.select().from(licenseKeys).where(eq(licenseKeys.licenseId, redeemed!.id));
  expect(keyRow?.redeemedByOrganisationId).toBe(org.id);

  // Taken off the server again: the UCServer loses it with another version.
  page.once("dialog", (d) => d.accept());
  await row.getByRole("button", { name: "Vom Server entfernen" }).click();
  await expect(row).toContainText("Nicht zugewiesen");
  const removed = await protocolLicenses(server.serverId, server.password);
  expect(removed.entitlements.mobileUsers).toBe(0);
  expect(removed.version).not.toBe(after.version);
  await salesCtx.close();
  await adminCtx.close();
});

test("a move from a stale page is refused as changed meanwhile, and the page shows the current state", async ({
  browser,
}) => {
  const { org, admin, owner } = await factories.makeOrgWithPeople();
  const a = await registerServer(db, admin.actor, { name: "Standort A" });
  const b = await registerServer(db, admin.actor, { name: "Standort B" });
  const [license] = await db
    .insert(licenses)
    .values({ organisationId: org.id, productKey: "audio-video-users", quantity: 5, validFrom: new Date() })
    .returning();
  const pages = [];
  for (const who of [admin, owner]) {
    const ctx = await browser.newContext();
    await signInAs(ctx, who.id);
    const p = await ctx.newPage();
    await p.goto("/licenses");
    pages.push(p);
  }
  const [first, second] = pages as [Page, Page];
  const rowOf = (p: Page) => p.locator(`tr[data-license="${license!.id}"]`);
  await rowOf(first).locator("select[name=serverId]").selectOption(a.id);
  await rowOf(first).getByRole("button", { name: "Zuweisen" }).click();
  await expect(rowOf(first)).toContainText("Standort A");
  await rowOf(second).locator("select[name=serverId]").selectOption(b.id);
  await rowOf(second).getByRole("button", { name: "Zuweisen" }).click();
  await expect(second.getByText("inzwischen von jemand anderem geändert")).toBeVisible();
  await expect(rowOf(second).locator("[data-license-server]")).toContainText("Standort A");
  await screenshot(second, "licenses-conflict");
  expect(await licenseRow(license!.id)).toMatchObject({ serverId: a.id, revision: 2 });
});

test("another organisation's licenses and servers replayed in the forms change nothing", async ({
  browser,
}) => {
  const mine = await factories.makeOrgWithPeople();
  const theirs = await factories.makeOrgWithPeople();
  const myServer = await registerServer(db, mine.admin.actor, { name: "Mein Server" });
  // A second server of my own, so that my page offers a move form to copy.
  const mySecond = await registerServer(db, mine.admin.actor, { name: "Mein zweiter Server" });
  const theirServer = await registerServer(db, theirs.admin.actor, { name: "Fremder Server" });
  const [myLicense, theirLicense] = await db
    .insert(licenses)
    .values([
      {
        organisationId: mine.org.id,
        serverId: myServer.id,
        productKey: "mobile-users",
        quantity: 3,
        validFrom: new Date(),
      },
      {
        organisationId: theirs.org.id,
        serverId: theirServer.id,
        productKey: "mobile-users",
        quantity: 7,
        validFrom: new Date(),
      },
    ])
    .returning();
  const ctx = await browser.newContext();
  await signInAs(ctx, mine.admin.id);
  const page = await ctx.newPage();
  await page.goto("/licenses");
  const removeForm = `form:has(input[name=licenseId][value="${myLicense!.id}"]):has(button:text("Vom Server entfernen"))`;
  const assignForm = `form:has(input[name=licenseId][value="${myLicense!.id}"]):has(select[name=serverId])`;
  // My admin's forms, with the other organisation's ids put in.
  const replays: [string, Record<string, string>][] = [
    [removeForm, { licenseId: theirLicense!.id, revision: "1" }],
    [assignForm, { licenseId: theirLicense!.id, revision: "1", serverId: myServer.id }],
    [assignForm, { serverId: theirServer.id }],
  ];
  const other = await ctx.newPage();
  for (const [selector, overrides] of replays) {
    await other.goto("/licenses");
    // The replayed form navigates the page; that load has to end before the next one starts.
    const loaded = other.waitForEvent("load");
    const response = await replayForm(page, other, selector, overrides);
    expect(response.status()).toBe(200);
    await loaded;
  }
  expect(await licenseRow(theirLicense!.id)).toMatchObject({ serverId: theirServer.id, revision: 1 });
  expect(await licenseRow(myLicense!.id)).toMatchObject({ serverId: myServer.id, revision: 1 });
  await page.reload();
  await expect(page.getByText("Fremder Server")).toHaveCount(0);
  // The same replay with my own ids works, so the refusals above were the ids, not a broken replay.
  await other.goto("/licenses");
  const loaded = other.waitForEvent("load");
  await replayForm(page, other, assignForm, { serverId: mySecond.id });
  await loaded;
  expect(await licenseRow(myLicense!.id)).toMatchObject({ serverId: mySecond.id, revision: 2 });
  await ctx.close();
});

test("customers reach no staff page; members see their licenses read-only", async ({ page }) => {
  const { org, member } = await factories.makeOrgWithPeople();
  await db.insert(licenses).values({
    organisationId: org.id,
    productKey: "ucconnect-base",
    quantity: 1,
    validFrom: new Date(),
    trial: true,
  });
  await signInAs(page.context(), member.id);
  for (const path of [
    "/sales/license-keys",
    "/operator/license-keys",
    "/operator/products",
    "/operator/products/mobile-users",
  ]) {
    expect((await page.goto(path))?.status(), path).toBe(404);
  }
  await page.goto("/licenses");
  await expect(page.getByText("Sie können die Lizenzen ansehen.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Einlösen" })).toHaveCount(0);
  await expect(page.locator("main").getByText("Testbetrieb", { exact: true })).toBeVisible();
  await expect(page.locator("select[name=serverId]")).toHaveCount(0);
  // The same page in English.
  await page.context().addCookies([{ name: "portal-locale", value: "en", url: E2E_BASE_URL }]);
  await page.goto("/licenses");
  await expect(page.getByText("You can view the licenses.")).toBeVisible();
  await expect(page.locator("main").getByText("Trial", { exact: true })).toBeVisible();
  await expect(page.getByText("UCConnect base (push notifications)")).toBeVisible();
  await screenshot(page, "licenses-member-en");
});

test("an operator keeps the catalogue: validation next to the fields, then a new product", async ({
  page,
}) => {
  const operator = await factories.makeUser({ staff: ["operator"] });
  await signInAs(page.context(), operator.id);
  await page.goto("/operator/products");
  await expect(page.locator("tr[data-product=mobile-users]")).toBeVisible();
  await page.getByLabel("Schlüssel", { exact: true }).fill("Bad Key");
  await page.getByLabel("Mobile Benutzer je Einheit").fill("-1");
  await page.getByRole("button", { name: "Produkt hinzufügen" }).click();
  await expect(page.locator("[data-field-error=key]")).toContainText("Kleinbuchstaben");
  await expect(page.locator("[data-field-error=nameDe]")).toBeVisible();
  await expect(page.locator("[data-field-error=mobileUsersPerUnit]")).toContainText("0 oder mehr");
  await screenshot(page, "products-errors");
  const key = `rooms-${factories.uniq()}`;
  await page.getByLabel("Schlüssel", { exact: true }).fill(key);
  await page.getByLabel("Name (Deutsch)").fill("Konferenzräume");
  await page.getByLabel("Name (Englisch)").fill("Conference rooms");
  await page.getByLabel("Mobile Benutzer je Einheit").fill("2");
  await page.getByRole("button", { name: "Produkt hinzufügen" }).click();
  await expect(page.locator(`tr[data-product="${key}"]`)).toContainText("Konferenzräume");
  await screenshot(page, "products-list");
  await page.locator(`tr[data-product="${key}"]`).getByRole("link", { name: "Bearbeiten" }).click();
  // The list's add form has the same labels: fill only once the edit page is there.
  await expect(page).toHaveURL(new RegExp(`/operator/products/${key}$`));
  await expect(page.getByRole("button", { name: "Speichern" })).toBeVisible();
  await page.getByLabel("Audio/Video-Benutzer je Einheit").fill("1");
  await page.getByRole("button", { name: "Speichern" }).click();
  await expect(page.getByText("Gespeichert.")).toBeVisible();
  await expect(page.getByLabel("Audio/Video-Benutzer je Einheit")).toHaveValue("1");
  await screenshot(page, "products-edit");
  const [saved] = await db.select().from(products).where(eq(products.key, key));
  expect(saved).toMatchObject({ audioVideoUsersPerUnit: 1, mobileUsersPerUnit: 2, nameDe: "Konferenzräume" });
});
