import { eq } from "drizzle-orm";
import { organisations, servers, trials } from "@/db/schema";
import { normalizeServerCode } from "@/lib/servers/server-id";
import { db, expect, factories, linkIn, screenshot, signInAs, test, waitForMail } from "./support/fixtures";
import { call, runUcserver } from "./support/ucserver";

/** The words of one language, as a visitor meets them. */
const UI = {
  de: {
    locale: "de-DE",
    signInLink: "Jetzt registrieren",
    company: "Firma oder Organisation",
    name: "Ihr Name",
    email: "Geschäftliche E-Mail-Adresse",
    password: "Passwort",
    confirm: "Passwort wiederholen",
    accept: /Ich akzeptiere die/,
    submit: "Konto erstellen",
    checkInbox: "Bitte bestätigen Sie Ihre E-Mail-Adresse",
    mailSubject: /bestätigen/i,
    confirmButton: "Bestätigen und anmelden",
    startTrial: /Testbetrieb über \d+ Tage starten/,
    trialRunning: /Ihr Testbetrieb läuft bis/,
    register: "Server registrieren",
    serverName: "Servername",
    registerButton: "Registrieren",
  },
  en: {
    locale: "en-GB",
    signInLink: "Sign up now",
    company: "Company or organisation",
    name: "Your name",
    email: "Business e-mail address",
    password: "Password",
    confirm: "Repeat password",
    accept: /I accept the/,
    submit: "Create account",
    checkInbox: "Please confirm your e-mail address",
    mailSubject: /confirm/i,
    confirmButton: "Confirm and sign in",
    startTrial: /Start a \d+-day trial/,
    trialRunning: /Your trial runs until/,
    register: "Register a server",
    serverName: "Server name",
    registerButton: "Register",
  },
} as const;

for (const lang of ["de", "en"] as const) {
  const ui = UI[lang];
  test.describe(`signing up (${lang})`, () => {
    test.use({ locale: ui.locale });

    test("a visitor signs up, verifies, starts a trial, registers a server that connects, and sees it online on the dashboard without a reload", async ({
      page,
      browser,
    }) => {
      test.setTimeout(120_000);
      const id = factories.uniq();
      const email = `founder-${id}@signup.example`;
      const company = `Gründer ${id} GmbH`;

      await page.goto("/sign-in");
      await page.getByRole("link", { name: ui.signInLink }).click();
      await expect(page).toHaveURL(/\/sign-up/);
      // Bad input: messages next to the fields, nothing created.
      await page.getByRole("button", { name: ui.submit }).click();
      await expect(page.locator("[data-field-error=company]")).toBeVisible();
      await expect(page.locator("[data-field-error=accept]")).toBeVisible();
      await page.getByLabel(ui.company).fill(company);
      await page.getByLabel(ui.name).fill("Greta Gründer");
      await page.getByLabel(ui.email).fill(email);
      await page.getByLabel(ui.password, { exact: true }).fill("Founder-Pass-2026");
      await page.getByLabel(ui.confirm).fill("Founder-Pass-2026");
      await page.getByLabel(ui.accept).check();
      await screenshot(page, `sign-up-form-${lang}`);
      await page.getByRole("button", { name: ui.submit }).click();
      await expect(page.getByText(ui.checkInbox)).toBeVisible();
      await screenshot(page, `sign-up-sent-${lang}`);

      // Not verified yet: the password does not sign in.
      const [user] = await db.query.users.findMany({ where: (u, { eq }) => eq(u.email, email) });
      expect(user?.emailVerifiedAt).toBeNull();

      const mail = await waitForMail(email);
      expect(mail.subject).toMatch(ui.mailSubject);
      const link = linkIn(mail.text, "/verify-email?token=");
      await page.goto(link);
      await screenshot(page, `verify-email-${lang}`);
      await page.getByRole("button", { name: ui.confirmButton }).click();
      await expect(page).toHaveURL(/\/overview/, { timeout: 15_000 });
      await screenshot(page, `onboarding-${lang}`);

      // Onboarding offers the trial; one click starts it.
      await page.getByRole("button", { name: ui.startTrial }).click();
      await expect(page.getByText(ui.trialRunning).first()).toBeVisible();

      await page.getByRole("link", { name: ui.register }).first().click();
      await page.getByLabel(ui.serverName).fill("Zentrale");
      await page.getByRole("button", { name: ui.registerButton, exact: true }).click();
      const serverId = (await page.locator("[data-credential=serverId]").textContent())!.trim();
      const password = (await page.locator("[data-credential=password]").textContent())!.trim();

      await page.goto("/overview");
      const online = page.locator("[data-count=online]");
      await expect(online).toHaveAttribute("data-value", "0");
      await page.evaluate(() => Object.assign(window, { __noReload: true }));
      const ucserver = await runUcserver(serverId, password);
      try {
        await expect(online).toHaveAttribute("data-value", "1", { timeout: 15_000 });
        expect(await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(
          true,
        );
        await screenshot(page, `dashboard-${lang}`);
        // The server carries the trial the organisation started: every service.
        expect(ucserver.session.server.mode).toBe("trial");
      } finally {
        await ucserver.stop();
      }

      // Sales see the trial in the pipeline, from the portal, and can filter by it.
      const [org] = await db.select().from(organisations).where(eq(organisations.name, company));
      const [trial] = await db.select().from(trials).where(eq(trials.organisationId, org!.id));
      expect(trial).toMatchObject({ origin: "portal" });
      const sales = await factories.makeUser({ staff: ["sales"] });
      const salesContext = await browser.newContext({ locale: ui.locale });
      const salesPage = await salesContext.newPage();
      await signInAs(salesContext, sales.id);
      await salesPage.goto("/sales/trials?origin=portal&view=all");
      await expect(salesPage.locator(`[data-trial="${trial!.id}"]`)).toBeVisible();
      await expect(salesPage.locator(`[data-trial="${trial!.id}"] [data-origin=portal]`)).toBeVisible();
      await salesContext.close();
    });
  });
}

test("a UCServer's own trial finds its owner: the contact signs up from the mail and claims it with the Server-ID filled in", async ({
  page,
}) => {
  test.setTimeout(90_000);
  const email = `it-${factories.uniq()}@selfstart.example`;
  const started = await call("POST", "/trials", {
    ucserverVersion: "6.5.0.100",
    serverName: "Server im Keller",
    contactEmail: email,
    locale: "de",
  });
  expect(started.status).toBe(201);
  const { serverId, password } = started.json as unknown as { serverId: string; password: string };

  const claimMail = await waitForMail(email);
  expect(claimMail.text).toContain(serverId);
  expect(claimMail.text).not.toContain(password);
  expect(claimMail.text).not.toContain("Server im Keller");
  await page.goto(linkIn(claimMail.text, "/sign-up?"));
  await page.getByLabel(UI.de.company).fill("Kellerfirma GmbH");
  await page.getByLabel(UI.de.name).fill("Ingo Technik");
  await page.getByLabel(UI.de.email).fill(email);
  await page.getByLabel(UI.de.password, { exact: true }).fill("Keller-Pass-2026");
  await page.getByLabel(UI.de.confirm).fill("Keller-Pass-2026");
  await page.getByLabel(UI.de.accept).check();
  await page.getByRole("button", { name: UI.de.submit }).click();
  await expect(page.getByText(UI.de.checkInbox)).toBeVisible();

  const verify = await waitForMail(email, (m) => m.text?.includes("/verify-email?token=") ?? false);
  await page.goto(linkIn(verify.text, "/verify-email?token="));
  await page.getByRole("button", { name: UI.de.confirmButton }).click();
  // On to the claim form, the Server-ID already there.
  await expect(page).toHaveURL(/\/servers\/claim/, { timeout: 15_000 });
  await expect(page.getByLabel("Server-ID")).toHaveValue(serverId);
  await page.getByLabel("Passwort").fill(password);
  await page.getByRole("button", { name: "Server übernehmen" }).click();
  await expect(page.locator("[data-mode=trial]")).toBeVisible();
  await screenshot(page, "claimed-from-mail");

  const [server] = await db
    .select()
    .from(servers)
    .where(eq(servers.code, normalizeServerCode(serverId)!));
  const [org] = await db.select().from(organisations).where(eq(organisations.name, "Kellerfirma GmbH"));
  expect(server?.organisationId).toBe(org!.id);
  const [trial] = await db.select().from(trials).where(eq(trials.serverId, server!.id));
  expect(trial).toMatchObject({ organisationId: org!.id, origin: "ucserver-trial" });
});
