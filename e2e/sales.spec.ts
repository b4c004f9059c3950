import { and, eq } from "drizzle-orm";
import { licenses, trials } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { db, expect, factories, linkIn, screenshot, signInAs, test, waitForMail } from "./support/fixtures";
import { E2E_BASE_URL } from "./support/run";
import { call, runUcserver } from "./support/ucserver";

async function salesPerson(name: string) {
  const user = await factories.makeUser({ staff: ["sales"], name });
  return { ...user, actor: await factories.actorFor(user) };
}

test.describe("sales trials", () => {
  test("a prospect's trial from start to paid: invitation, account, server, heartbeats, extension, conversion without a gap", async ({
    page,
    browser,
  }) => {
    test.setTimeout(150_000);
    const tag = factories.uniq();
    const sales = await salesPerson(`Sam ${tag}`);
    const company = `Prospekt ${tag} GmbH`;
    const contact = `prospect-${tag}@example.test`;
    await signInAs(page.context(), sales.id);

    await page.goto("/sales/trials");
    await expect(page.getByRole("heading", { name: "Testbetriebe", exact: true })).toBeVisible();
    await page.getByRole("link", { name: "Testbetrieb starten" }).first().click();
    await expect(
      page.getByRole("heading", { name: "Testbetrieb für einen Interessenten starten" }),
    ).toBeVisible();

    // Sent empty, then with a bad address: each field says what is wrong, nothing is started.
    await page.getByRole("button", { name: "Testbetrieb starten" }).click();
    await expect(page.locator("[data-field-error=company]")).toContainText(
      "Bitte füllen Sie dieses Feld aus",
    );
    await expect(page.locator("[data-field-error=contactEmail]")).toBeVisible();
    await page.getByLabel("Firma").fill(company);
    await page.getByLabel("Name des Ansprechpartners").fill("Petra Prospekt");
    await page.getByLabel("E-Mail-Adresse des Ansprechpartners").fill("petra@");
    await page.getByRole("button", { name: "Testbetrieb starten" }).click();
    await expect(page.locator("[data-field-error=contactEmail]")).toContainText("gültige E-Mail-Adresse");
    await expect(page.getByLabel("Firma")).toHaveValue(company);
    await screenshot(page, "trials-new-errors");

    await page.getByLabel("E-Mail-Adresse des Ansprechpartners").fill(contact);
    await page.getByRole("button", { name: "Testbetrieb starten" }).click();
    await expect(page.getByRole("heading", { name: `Der Testbetrieb für ${company} läuft` })).toBeVisible();
    await expect(page.getByText(`Die Einladung ist an ${contact} unterwegs`)).toBeVisible();
    await expect(page.locator("[data-credential]")).toHaveCount(0);
    const trialId = (await page.locator("[data-started]").getAttribute("data-started"))!;
    await screenshot(page, "trials-new-started");

    // The same contact cannot get a second trial.
    await page.goto("/sales/trials/new");
    await page.getByLabel("Firma").fill(`${company} zwei`);
    await page.getByLabel("Name des Ansprechpartners").fill("Petra Prospekt");
    await page.getByLabel("E-Mail-Adresse des Ansprechpartners").fill(contact.toUpperCase());
    await page.getByRole("button", { name: "Testbetrieb starten" }).click();
    await expect(page.locator("[data-field-error=contactEmail]")).toContainText("bereits ein Testbetrieb");

    await page.goto(`/sales/trials/${trialId}`);
    await expect(page.locator("[data-trial-company]")).toHaveText(company);
    await expect(page.locator("[data-invitation]")).toContainText(`Einladung an ${contact}`);
    await expect(page.locator("[data-no-server]")).toContainText("Noch kein Server");
    await expect(page.locator("[data-sales-person]")).toContainText(`Sam ${tag}`);
    await screenshot(page, "trial-detail-no-server");

    // The prospect: invitation from the inbox, an account with a password of their own, a server.
    const mail = await waitForMail(contact);
    expect(mail.subject?.toLowerCase()).toContain(
      `ihr testbetrieb von ucconnect für ${company}`.toLowerCase(),
    );
    expect(mail.text).not.toMatch(/Passwort:\s*\S+/);
    const prospectCtx = await browser.newContext();
    const prospect = await prospectCtx.newPage();
    await prospect.goto(linkIn(mail.text, "/accept-invitation?token="));
    await expect(prospect.getByRole("heading", { name: `${company} beitreten` })).toBeVisible();
    await prospect.getByLabel("Name").fill("Petra Prospekt");
    await prospect.getByLabel("Passwort", { exact: true }).fill("prospect-password-2026");
    await prospect.getByLabel("Neues Passwort wiederholen").fill("prospect-password-2026");
    await prospect.getByRole("button", { name: "Konto anlegen" }).click();
    await expect(prospect).toHaveURL(/\/overview$/);
    // The overview tells the prospect until when the trial runs, to register a server, and whom to ask.
    const notice = prospect.locator("[data-trial=running]");
    await expect(notice).toContainText("Ihr Testbetrieb läuft bis");
    await expect(notice).toContainText("noch 30 Tage");
    await expect(notice).toContainText(`Sam ${tag}`);
    await screenshot(prospect, "trial-prospect-overview");
    await notice.getByRole("link", { name: "Server registrieren" }).click();
    await expect(prospect).toHaveURL(/\/servers\/register$/);
    await prospect.getByLabel("Servername").fill("UCServer Zentrale");
    await prospect.getByRole("button", { name: "Registrieren" }).click();
    const serverId = (await prospect.locator("[data-credential=serverId]").textContent())!.trim();
    const password = (await prospect.locator("[data-credential=password]").textContent())!.trim();
    await prospectCtx.close();

    const ucserver = await runUcserver(serverId, password);
    try {
      expect(ucserver.session.server.mode).toBe("trial");
      expect(ucserver.session.entitlements.mobileUsers).toBeGreaterThan(0);

      await page.goto(`/sales/trials?q=${tag}`);
      const row = page.locator(`tr[data-trial="${trialId}"]`);
      await expect(row).toContainText("Petra Prospekt");
      await expect(row.locator("[data-status]")).toHaveAttribute("data-status", "online");
      await expect(row).toContainText("zuletzt gesehen");
      await expect(row.locator("[data-users]")).toHaveAttribute("data-users", "12/4/30");
      await expect(row).toContainText("endet in 30 Tagen");
      await screenshot(page, "trials-pipeline-connected");

      await row.getByRole("link", { name: company }).click();
      await expect(page.locator("[data-server-id]")).toHaveText(serverId);
      await expect(page.locator("[data-users]")).toContainText("12 mobil");
      await expect(page.locator("[data-mode]")).toHaveAttribute("data-mode", "trial");
      await expect(page.locator("[data-license][data-trial=true]")).toHaveCount(3);
      await screenshot(page, "trial-detail-before-extension");

      // Extend: a reason is required; once extended, a second extension is not offered.
      const endsBefore = new Date((await page.locator("[data-ends]").getAttribute("data-ends"))!);
      await page.getByRole("button", { name: "Um 14 Tage verlängern" }).click();
      await expect(page.locator("[data-field-error=reason]")).toContainText("mindestens 5 Zeichen");
      await page.getByLabel("Begründung").fill("kurz");
      await page.getByRole("button", { name: "Um 14 Tage verlängern" }).click();
      await expect(page.locator("[data-field-error=reason]")).toContainText("mindestens 5 Zeichen");
      await screenshot(page, "trial-detail-extend-error");
      await page.getByLabel("Begründung").fill("Einkauf entscheidet erst nach der Messe");
      await page.getByRole("button", { name: "Um 14 Tage verlängern" }).click();
      await expect(page.locator("[data-extend]")).toContainText("bereits einmal verlängert");
      await expect(page.getByRole("button", { name: "Um 14 Tage verlängern" })).toHaveCount(0);
      await expect(page.locator('[data-event="trial.extended"]')).toContainText(
        "Einkauf entscheidet erst nach der Messe",
      );
      await expect(page.locator("[data-extension]")).toContainText(`14 Tage`);
      const endsAfter = new Date((await page.locator("[data-ends]").getAttribute("data-ends"))!);
      expect(endsAfter.getTime() - endsBefore.getTime()).toBeGreaterThan(13.9 * 86_400_000);
      await screenshot(page, "trial-detail-extended");

      // Convert while the UCServer keeps asking for its licenses: never a moment without them.
      const before = await call("GET", "/licenses", undefined, ucserver.token);
      expect(before.status).toBe(200);
      expect(before.etag).toBe(`"${before.json.version}"`);
      const seen: { mobileUsers: number; audioVideoUsers: number; version: string }[] = [];
      let polling = true;
      const poller = (async () => {
        while (polling) {
          const r = await call("GET", "/licenses", undefined, ucserver.token);
          if (r.status === 200) seen.push({ ...r.json.entitlements, version: r.json.version });
        }
      })();
      await expect(page.getByLabel("Mobile Benutzer", { exact: true })).toHaveValue("25");
      await page.getByLabel("Mobile Benutzer", { exact: true }).fill("40");
      await page.getByLabel("Audio/Video-Benutzer (STUN/TURN)").fill("0");
      page.once("dialog", (d) => void d.accept());
      await page.getByRole("button", { name: "In Kauf umwandeln" }).click();
      await expect(page.locator("[data-outcome]")).toContainText("In Kauf umgewandelt");
      await expect(page.locator("[data-convert]")).toHaveCount(0);
      await expect(page.locator("[data-server-id]")).toHaveCount(0);
      await expect(page.locator('[data-event="trial.converted"]')).toContainText("40 × Mobile Benutzer");
      polling = false;
      await poller;
      await screenshot(page, "trial-detail-converted");

      const after = await call("GET", "/licenses", undefined, ucserver.token);
      expect(after.json.version).not.toBe(before.json.version);
      expect((await call("GET", "/licenses", undefined, ucserver.token)).etag).toBe(
        `"${after.json.version}"`,
      );
      const trialLicenses = after.json.licenses.filter((l) => l.trial);
      expect(trialLicenses.length).toBeGreaterThan(0);
      expect(trialLicenses.every((l) => l.status === "revoked")).toBe(true);
      const bought = after.json.licenses.filter((l) => !l.trial);
      expect(bought.map((l) => l.product).sort()).toEqual(["mobile-users", "ucconnect-base"]);
      expect(bought.every((l) => l.status === "active")).toBe(true);
      expect(after.json.entitlements.mobileUsers).toBe(40);
      expect(seen.length).toBeGreaterThan(2);
      expect(seen.every((s) => s.mobileUsers > 0)).toBe(true);
      expect(new Set(seen.map((s) => s.version)).size).toBeGreaterThanOrEqual(2);

      // In the database: the bought licenses start at the very instant the trial licenses end.
      const [trial] = await db.select().from(trials).where(eq(trials.id, trialId));
      const rows = await db.select().from(licenses).where(eq(licenses.serverId, trial!.serverId!));
      const revokedAt = new Set(rows.filter((l) => l.trial).map((l) => l.revokedAt?.toISOString()));
      const validFrom = new Set(rows.filter((l) => !l.trial).map((l) => l.validFrom.toISOString()));
      expect(revokedAt.size).toBe(1);
      expect([...validFrom]).toEqual([...revokedAt]);

      await page.goto(`/sales/trials?view=converted&q=${tag}`);
      await expect(page.locator(`tr[data-trial="${trialId}"] [data-days=converted]`)).toBeVisible();
      await screenshot(page, "trials-pipeline-converted");
    } finally {
      await ucserver.stop();
    }
  });

  test.describe("in English", () => {
    test.use({ locale: "en-GB" });

    test("a pre-registered server: the Server ID and password are shown once and let the UCServer connect", async ({
      page,
    }) => {
      const tag = factories.uniq();
      const sales = await salesPerson(`Sally ${tag}`);
      const company = `Prospect ${tag} Ltd`;
      await signInAs(page.context(), sales.id);
      await page.goto("/sales/trials/new");
      await expect(page.getByRole("heading", { name: "Start a trial for a prospect" })).toBeVisible();
      await page.getByLabel("Company").fill(company);
      await page.getByLabel("Contact name").fill("Paul Prospect");
      await page.getByLabel("Contact e-mail address").fill(`paul-${tag}@example.test`);
      await page.getByLabel("Language", { exact: true }).selectOption("en");
      await page.getByLabel("Pre-register a server now").check();
      await expect(page.getByLabel("Server name")).toHaveAttribute("placeholder", `UCServer ${company}`);
      await screenshot(page, "trials-new-preregister-en");
      await page.getByRole("button", { name: "Start trial" }).click();
      await expect(page.getByRole("heading", { name: `The trial for ${company} is running` })).toBeVisible();
      await expect(page.getByText("never by e-mail")).toBeVisible();
      const serverId = (await page.locator("[data-credential=serverId]").textContent())!.trim();
      const password = (await page.locator("[data-credential=password]").textContent())!.trim();
      expect(serverId).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
      await page.getByRole("button", { name: "Copy" }).first().click();
      await expect(page.getByRole("button", { name: "✓ Copied" })).toBeVisible();
      await screenshot(page, "trials-new-credentials-en");

      const session = await call("POST", "/sessions", { serverId, password, ucserverVersion: "6.4.0.1" });
      expect(session.status).toBe(201);
      expect(session.json.server.name).toBe(`UCServer ${company}`);
      expect(session.json.server.mode).toBe("trial");
      const mail = await waitForMail(`paul-${tag}@example.test`);
      expect(mail.subject?.toLowerCase()).toContain(`your ucconnect trial for ${company}`.toLowerCase());
      expect(mail.text).not.toContain(password);

      await page.getByRole("link", { name: "Open the trial" }).click();
      await expect(page.locator("[data-server-id]")).toHaveText(serverId);
      await expect(page.getByText(password)).toHaveCount(0);
      await screenshot(page, "trial-detail-en");
      // Shown once: the form page comes back empty.
      await page.goto("/sales/trials/new");
      await expect(page.locator("[data-credential]")).toHaveCount(0);
      await page.goto(`/sales/trials?q=${tag}`);
      await expect(page.locator("tr[data-trial]")).toHaveCount(1);
      await expect(page.locator("tr[data-trial]")).toContainText("Never connected");
      await screenshot(page, "trials-pipeline-en");
    });
  });

  test("the pipeline's views, sales person filter, search by Server ID and Take", async ({ page }) => {
    test.setTimeout(90_000);
    const tag = factories.uniq();
    const { startTrialForProspect } = await import("@/lib/trials/start-trial-for-prospect");
    const { convertTrial } = await import("@/lib/trials/convert-trial");
    const anna = await salesPerson(`Anna ${tag}`);
    const ben = await salesPerson(`Ben ${tag}`);
    const start = (who: { actor: Actor }, name: string, preRegister = false) =>
      startTrialForProspect(db, who.actor, {
        company: `${name} ${tag}`,
        contactName: name,
        contactEmail: `${name.toLowerCase()}-${tag}@example.test`,
        locale: "de",
        preRegister: preRegister ? "on" : undefined,
      });
    const alpha = await start(anna, "Alpha");
    const beta = await start(ben, "Beta");
    const gamma = await start(anna, "Gamma");
    const delta = await start(ben, "Delta");
    const epsilon = await start(anna, "Epsilon", true);
    const day = 86_400_000;
    await db
      .update(trials)
      .set({ endsAt: new Date(Date.now() + 3 * day) })
      .where(eq(trials.id, beta.trialId));
    await db
      .update(trials)
      .set({ endsAt: new Date(Date.now() - 2 * day) })
      .where(eq(trials.id, gamma.trialId));
    await convertTrial(db, ben.actor, { trialId: delta.trialId, "quantity.mobile-users": "5" });
    const ucserver = await runUcserver(epsilon.server!.serverId, epsilon.server!.password);
    await ucserver.stop();
    const selfStarted = await call("POST", "/trials", {
      ucserverVersion: "6.4.0.1",
      serverName: `Lager ${tag}`,
    });
    expect(selfStarted.status).toBe(201);

    await signInAs(page.context(), anna.id);
    const counts = async (expected: Record<string, number>) => {
      for (const [view, n] of Object.entries(expected)) {
        await expect(page.locator(`[data-count="${view}"]`), view).toHaveText(String(n));
      }
    };
    const rows = page.locator("tr[data-trial]");
    await page.goto(`/sales/trials?q=${tag}`);
    await counts({ open: 5, ending: 1, "never-connected": 4, expired: 1, converted: 1, all: 6 });
    await expect(rows).toHaveCount(5);
    await expect(page.locator(`tr[data-trial="${gamma.trialId}"]`)).toContainText("seit 2 Tagen abgelaufen");
    await expect(page.locator(`tr[data-trial="${beta.trialId}"]`)).toContainText("endet in 3 Tagen");
    const self = page.locator("tr[data-trial]", { hasText: `Lager ${tag}` });
    await expect(self).toContainText("Selbst gestartet, nicht übernommen");
    await expect(self).toContainText("Nicht zugewiesen");
    await screenshot(page, "trials-pipeline-open");

    await page.getByRole("link", { name: /Endet in 7 Tagen/ }).click();
    await expect(page).toHaveURL(/view=ending/);
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toHaveAttribute("data-trial", beta.trialId);
    await page.getByRole("link", { name: /Nie verbunden/ }).click();
    await expect(page).toHaveURL(/view=never-connected/);
    await expect(rows).toHaveCount(4);
    await expect(page.locator(`tr[data-trial="${epsilon.trialId}"]`)).toHaveCount(0);
    await screenshot(page, "trials-pipeline-never-connected");
    await page.getByRole("link", { name: /Abgelaufen/ }).click();
    await expect(page).toHaveURL(/view=expired/);
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toHaveAttribute("data-trial", gamma.trialId);
    await page.getByRole("link", { name: /Umgewandelt/ }).click();
    await expect(page).toHaveURL(/view=converted/);
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toHaveAttribute("data-trial", delta.trialId);

    // By sales person, chosen in the filter form; the view stays.
    await page.getByRole("link", { name: /^Alle/ }).click();
    await expect(page).toHaveURL(/view=all/);
    await page.getByLabel("Vertrieb").selectOption({ label: `Ben ${tag}` });
    await page.getByRole("button", { name: "Anwenden" }).click();
    await expect(page).toHaveURL(new RegExp(`sales=${ben.id}`));
    await expect(rows).toHaveCount(2);
    await counts({ open: 1, converted: 1 });
    await page.getByLabel("Vertrieb").selectOption("me");
    await page.getByRole("button", { name: "Anwenden" }).click();
    await expect(rows).toHaveCount(3);
    await page.getByLabel("Vertrieb").selectOption("unassigned");
    await page.getByRole("button", { name: "Anwenden" }).click();
    await expect(rows).toHaveCount(1);
    await screenshot(page, "trials-pipeline-unassigned");
    await rows.first().getByRole("button", { name: "Übernehmen" }).click();
    await expect(page.getByText("Kein Testbetrieb gefunden")).toBeVisible();
    await screenshot(page, "trials-pipeline-no-match");
    await page.goto(`/sales/trials?sales=me&q=${tag}`);
    await expect(rows).toHaveCount(4);
    await expect(self).toContainText(`Anna ${tag}`);

    // Search by Server-ID in any spelling finds exactly that trial.
    await page.goto(`/sales/trials?q=${epsilon.server!.serverId.replaceAll("-", "").toLowerCase()}`);
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toHaveAttribute("data-trial", epsilon.trialId);

    // The trial page: hand over to a colleague, and the history says so.
    await page.goto(`/sales/trials/${alpha.trialId}`);
    await page.getByLabel("Übergeben an").selectOption({ label: `Ben ${tag}` });
    await page.getByRole("button", { name: "Übergeben", exact: true }).click();
    await expect(page.locator("[data-sales-person]")).toContainText(`Ben ${tag}`);
    await expect(page.locator('[data-event="trial.assigned"]')).toContainText(`An Ben ${tag} übergeben`);
    const [handed] = await db.select().from(trials).where(eq(trials.id, alpha.trialId));
    expect(handed?.salesUserId).toBe(ben.id);
    await screenshot(page, "trial-detail-handed-over");

    for (const id of ["not-a-trial", "00000000-0000-0000-0000-000000000000"]) {
      expect((await page.goto(`/sales/trials/${id}`))?.status(), id).toBe(404);
    }
  });

  test("least privilege: customers see no sales pages; sales see no customer's members, audit log or invitations", async ({
    page,
    browser,
  }) => {
    const tag = factories.uniq();
    const sales = await salesPerson(`Sven ${tag}`);
    const { startTrialForProspect } = await import("@/lib/trials/start-trial-for-prospect");
    const started = await startTrialForProspect(db, sales.actor, {
      company: `Kunde ${tag}`,
      contactName: "Karl Kunde",
      contactEmail: `karl-${tag}@example.test`,
      locale: "de",
      preRegister: undefined,
    });
    const customer = await factories.makeOrgWithPeople();

    await signInAs(page.context(), customer.owner.id);
    for (const path of ["/sales/trials", "/sales/trials/new", `/sales/trials/${started.trialId}`]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(404);
      await expect(page.getByText(`Kunde ${tag}`)).toHaveCount(0);
    }
    await screenshot(page, "trials-owner-404");

    const salesCtx = await browser.newContext();
    await signInAs(salesCtx, sales.id);
    // A forged organisation cookie changes nothing: sales are no member of the customer.
    await salesCtx.addCookies([{ name: "portal-org", value: customer.org.id, url: E2E_BASE_URL }]);
    const salesPage = await salesCtx.newPage();
    for (const path of ["/members", "/audit", "/invitations"]) {
      const response = await salesPage.goto(path);
      const status = response?.status();
      if (status !== 404) {
        expect(status, path).toBe(200);
        await expect(salesPage.getByText("Sie sind noch keiner Organisation zugeordnet.")).toBeVisible();
      }
      for (const secret of [customer.owner.email, customer.member.email, customer.org.name]) {
        await expect(salesPage.getByText(secret), `${path}: ${secret}`).toHaveCount(0);
      }
    }
    await screenshot(salesPage, "trials-sales-no-members");
    // The trial page shows the trial's facts, never the customer's members or invitations list.
    await salesPage.goto(`/sales/trials/${started.trialId}`);
    await expect(salesPage.locator("[data-trial-company]")).toHaveText(`Kunde ${tag}`);
    await salesCtx.close();

    const rows = await db
      .select()
      .from(trials)
      .where(and(eq(trials.id, started.trialId), eq(trials.salesUserId, sales.id)));
    expect(rows).toHaveLength(1);
  });
});
