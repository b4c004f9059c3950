import { eq } from "drizzle-orm";
import { userSessions } from "@/db/schema";
import { db, expect, factories, linkIn, screenshot, signInAs, test, waitForMail } from "./support/fixtures";

test.describe("sign-in", () => {
  test("a demo owner signs in with a password and sees the portal in German and in English", async ({
    page,
  }) => {
    await page.goto("/sign-in");
    await expect(page.getByRole("heading", { name: "Anmelden" })).toBeVisible();
    await screenshot(page, "sign-in-de");
    await page.getByLabel("E-Mail-Adresse").fill("owner@muster.example");
    await page.getByLabel("Passwort", { exact: true }).fill("Demo-Owner-2026");
    await page.getByRole("button", { name: "Anmelden" }).click();
    await expect(page).toHaveURL(/\/overview$/);
    await expect(page.getByRole("heading", { name: "Übersicht" })).toBeVisible();
    await expect(page.getByRole("navigation").getByRole("link", { name: "Mitglieder" })).toBeVisible();
    await screenshot(page, "portal-de");

    await page.getByRole("button", { name: "en", exact: true }).click();
    await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
    await expect(page.getByRole("navigation").getByRole("link", { name: "Members" })).toBeVisible();
    await page.goto("/servers");
    await expect(page.getByText("No servers yet")).toBeVisible();
    await screenshot(page, "portal-en-servers-empty");
  });

  test("the browser's language picks the interface language before any choice", async ({ browser }) => {
    const context = await browser.newContext({
      locale: "en-GB",
      extraHTTPHeaders: { "Accept-Language": "en-GB,en;q=0.9" },
    });
    const page = await context.newPage();
    await page.goto("/sign-in");
    await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
    await screenshot(page, "sign-in-en");
    await context.close();
  });

  test("a wrong password is refused with a message and no session", async ({ page }) => {
    const user = await factories.makeUser({ password: "correct-horse-battery" });
    await page.goto("/sign-in");
    await page.getByLabel("E-Mail-Adresse").fill(user.email);
    await page.getByLabel("Passwort", { exact: true }).fill("wrong-password-1");
    await page.getByRole("button", { name: "Anmelden" }).click();
    await expect(page.locator("main").getByRole("alert")).toContainText(
      "E-Mail-Adresse oder Passwort ist falsch",
    );
    await expect(page).toHaveURL(/\/sign-in/);
    const sessions = await db.select().from(userSessions).where(eq(userSessions.userId, user.id));
    expect(sessions).toHaveLength(0);
  });

  test("after five failures the account is slowed down, even for the right password", async ({ page }) => {
    const user = await factories.makeUser({ password: "correct-horse-battery" });
    await page.goto("/sign-in");
    await page.getByLabel("E-Mail-Adresse").fill(user.email);
    for (let i = 0; i < 5; i++) {
      await page.getByLabel("Passwort", { exact: true }).fill(`wrong-${i}-password`);
      await page.getByRole("button", { name: "Anmelden" }).click();
      await expect(page.locator("main").getByRole("alert")).toContainText("falsch");
    }
    await page.getByLabel("Passwort", { exact: true }).fill("correct-horse-battery");
    await page.getByRole("button", { name: "Anmelden" }).click();
    await expect(page.locator("main").getByRole("alert")).toContainText("Zu viele Versuche");
    await expect(page).toHaveURL(/\/sign-in/);
  });

  test("sign-in by e-mail link read from the SMTP server", async ({ page }) => {
    const user = await factories.makeUser({ locale: "en", name: "Link User" });
    const org = await factories.makeOrg();
    await factories.addMember(org.id, user.id, "member");
    await page.goto("/sign-in");
    await page.getByRole("tab", { name: "Link per E-Mail" }).click();
    await page.getByLabel("E-Mail-Adresse").fill(user.email);
    await page.getByRole("button", { name: "Anmeldelink senden" }).click();
    await expect(page.getByRole("status")).toContainText("Anmeldelink");
    const mail = await waitForMail(user.email);
    expect(mail.subject).toBe("Your sign-in link for the UCConnect portal");
    expect(mail.html).toContain("Sign in now");
    const link = linkIn(mail.text, "/sign-in/link?token=");
    await page.goto(link);
    await page.getByRole("button", { name: "Weiter und anmelden" }).click();
    await expect(page).toHaveURL(/\/overview$/);
    await expect(page.getByText(org.name).first()).toBeVisible();

    // The link works once.
    await page.context().clearCookies();
    await page.goto(link);
    await expect(page.getByText("ungültig, abgelaufen oder wurde bereits verwendet")).toBeVisible();
  });

  test("a callback URL off the site is ignored", async ({ page }) => {
    await page.goto(`/sign-in?callbackUrl=${encodeURIComponent("https://evil.example/steal")}`);
    await page.getByLabel("E-Mail-Adresse").fill("admin@muster.example");
    await page.getByLabel("Passwort", { exact: true }).fill("Demo-Admin-2026");
    await page.getByRole("button", { name: "Anmelden" }).click();
    await expect(page).toHaveURL(/127\.0\.0\.1:\d+\/overview$/);
  });

  test("a page asked for while signed out is shown after sign-in", async ({ page }) => {
    await page.goto("/members");
    await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fmembers/);
    await page.getByLabel("E-Mail-Adresse").fill("admin@muster.example");
    await page.getByLabel("Passwort", { exact: true }).fill("Demo-Admin-2026");
    await page.getByRole("button", { name: "Anmelden" }).click();
    await expect(page).toHaveURL(/\/members$/);
  });
});

test("password reset by e-mail link ends old sessions and the new password works", async ({
  page,
  browser,
}) => {
  const user = await factories.makeUser({ password: "old-password-123" });
  const org = await factories.makeOrg();
  await factories.addMember(org.id, user.id, "owner");
  const other = await browser.newContext();
  await signInAs(other, user.id);

  await page.goto("/forgot-password");
  await page.getByLabel("E-Mail-Adresse").fill(user.email);
  await page.getByRole("button", { name: "Link zum Zurücksetzen senden" }).click();
  await expect(page.getByRole("status")).toContainText("60 Minuten");
  const mail = await waitForMail(user.email, (m) => (m.subject ?? "").includes("Passwort"));
  await page.goto(linkIn(mail.text, "/reset-password?token="));
  await page.getByLabel("Neues Passwort", { exact: true }).fill("new-password-456");
  await page.getByLabel("Neues Passwort wiederholen").fill("something-else-789");
  await page.getByRole("button", { name: "Passwort festlegen" }).click();
  await expect(page.locator('[data-field-error="confirm"]')).toContainText("stimmen nicht überein");
  await page.getByLabel("Neues Passwort", { exact: true }).fill("new-password-456");
  await page.getByLabel("Neues Passwort wiederholen").fill("new-password-456");
  await page.getByRole("button", { name: "Passwort festlegen" }).click();
  await expect(page).toHaveURL(/\/sign-in\?notice=reset/);
  await expect(page.getByRole("status")).toContainText("Passwort wurde geändert");

  // The session opened before the reset is over.
  const otherPage = await other.newPage();
  await otherPage.goto("/overview");
  await expect(otherPage).toHaveURL(/\/sign-in/);
  await other.close();

  await page.getByLabel("E-Mail-Adresse").fill(user.email);
  await page.getByLabel("Passwort", { exact: true }).fill("old-password-123");
  await page.getByRole("button", { name: "Anmelden" }).click();
  await expect(page.locator("main").getByRole("alert")).toContainText("falsch");
  await page.getByLabel("Passwort", { exact: true }).fill("new-password-456");
  await page.getByRole("button", { name: "Anmelden" }).click();
  await expect(page).toHaveURL(/\/overview$/);
});

test("sign-out ends the session on the server, not only in the browser", async ({ page, browser }) => {
  const { owner } = await factories.makeOrgWithPeople();
  await signInAs(page.context(), owner.id);
  await page.goto("/overview");
  await expect(page.getByRole("heading", { name: "Übersicht" })).toBeVisible();
  const cookies = await page.context().cookies();
  await page.getByRole("button", { name: "Abmelden" }).click();
  await expect(page).toHaveURL(/\/sign-in\?notice=signed-out/);
  await page.goto("/overview");
  await expect(page).toHaveURL(/\/sign-in/);

  // Replaying the old cookie gets nothing.
  const replay = await browser.newContext();
  await replay.addCookies(cookies);
  const p = await replay.newPage();
  await p.goto("/overview");
  await expect(p).toHaveURL(/\/sign-in/);
  await replay.close();
});
