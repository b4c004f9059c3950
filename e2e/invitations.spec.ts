import { eq } from "drizzle-orm";
import { appInvitations } from "@/db/schema";
import { registerServer } from "@/lib/servers/register-server";
import { db, expect, factories, screenshot, signInAs, test, waitForMail } from "./support/fixtures";

test("an admin invites users from a pasted list with one bad address, previews, sends and sees them delivered", async ({
  page,
}) => {
  const { admin, org } = await factories.makeOrgWithPeople();
  const server = await registerServer(db, admin.actor, { name: "UCServer Zentrale" });
  await signInAs(page.context(), admin.id);

  await page.goto("/invitations");
  await expect(page.getByText("Noch keine Einladungen versendet")).toBeVisible();
  await screenshot(page, "invitations-empty");
  await page.getByRole("link", { name: "Benutzer einladen" }).first().click();
  await expect(page.getByRole("heading", { name: "Benutzer zu ProCall Mobile einladen" })).toBeVisible();

  const tag = factories.uniq();
  const anna = `anna-${tag}@example.test`;
  const ben = `ben-${tag}@example.test`;
  await page.getByText("Liste einfügen").click();
  await page
    .getByLabel("Liste einfügen")
    .fill(
      [`Anna Albers <${anna}>`, `Ben Berg; ${ben}; bberg; en`, "Kein Name; kaputt.example", `${anna}`].join(
        "\n",
      ),
    );
  await page.getByRole("button", { name: "Zur Liste hinzufügen" }).click();
  await expect(page.locator("[data-row-error]")).toHaveCount(2);
  await expect(page.locator('[data-row-error="3"]')).toContainText("Keine gültige E-Mail-Adresse");
  await expect(page.locator('[data-row-error="4"]')).toContainText("Bereits in dieser Liste");
  await page
    .getByLabel("Persönliche Nachricht (optional)")
    .fill("Willkommen an Bord!\n<script>alert(1)</script>");

  await page.getByRole("button", { name: "Vorschau" }).click();
  await expect(page.getByTestId("preview-subject")).toContainText("Ihre Einladung zu ProCall Mobile");
  const preview = page.frameLocator("iframe[title='Vorschau']");
  await expect(preview.getByText(server.serverId).first()).toBeVisible();
  await expect(preview.getByText("<script>alert(1)</script>")).toBeVisible();
  await screenshot(page, "invitations-compose-preview");

  await page.getByRole("button", { name: "2 Einladungen senden" }).click();
  await expect(page.getByText("2 Einladungen sind unterwegs.")).toBeVisible();
  await expect(page.getByTestId("rejected")).toContainText("Keine gültige E-Mail-Adresse");
  await expect(page.getByTestId("rejected")).toContainText("Bereits in dieser Liste");
  await screenshot(page, "invitations-sent");

  const mailAnna = await waitForMail(anna);
  expect(mailAnna.subject).toBe(`Ihre Einladung zu ProCall Mobile – ${org.name}`);
  expect(mailAnna.text).toContain(server.serverId);
  expect(mailAnna.text).toContain("Willkommen an Bord!");
  const mailBen = await waitForMail(ben);
  expect(mailBen.subject).toContain("Your invitation to ProCall Mobile");
  expect(mailBen.text).toContain("User name: bberg");

  await page.getByRole("link", { name: "Zustellstatus ansehen" }).click();
  await expect(page.locator(`[data-invitation="${anna}"]`)).toContainText("versendet");
  await expect(page.locator(`[data-invitation="${ben}"]`)).toContainText("versendet");
  await expect(page.locator('[data-count="sent"]')).toHaveText("2");
  await screenshot(page, "invitations-history");
  const rows = await db.select().from(appInvitations).where(eq(appInvitations.organisationId, org.id));
  expect(rows).toHaveLength(2);
});

test("a member sees the history but cannot compose; another organisation's invitations stay invisible", async ({
  page,
}) => {
  const a = await factories.makeOrgWithPeople();
  const b = await factories.makeOrgWithPeople();
  const bServer = await registerServer(db, b.admin.actor, { name: "B" });
  const { sendAppInvitations } = await import("@/lib/invitations/send-app-invitations");
  const bWho = `secret-${factories.uniq()}@example.test`;
  await sendAppInvitations(db, b.admin.actor, {
    serverId: bServer.id,
    defaultLocale: "de",
    recipients: [{ email: bWho }],
  });

  await signInAs(page.context(), a.member.id);
  expect((await page.goto("/invitations/new"))?.status()).toBe(404);
  await page.goto(`/invitations?serverId=${bServer.id}`);
  await expect(page.getByText(bWho)).toHaveCount(0);
});
