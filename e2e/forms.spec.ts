import { eq } from "drizzle-orm";
import { authTokens, mailOutbox, memberInvitations, users } from "@/db/schema";
import { db, expect, factories, screenshot, signInAs, test } from "./support/fixtures";

const RLO = "\u202e"; // right-to-left override: invisible, and makes a name read backwards
const BEL = "\u0007";
const LONG = "x".repeat(300);

const cases = [
  { value: "", error: "Bitte füllen Sie dieses Feld aus" },
  { value: "not-an-address", error: "gültige E-Mail-Adresse" },
  { value: "a@example.test, b@example.test", error: "gültige E-Mail-Adresse" },
  { value: `${LONG}@example.test`, error: "zu lang" },
  { value: `evil${RLO}@example.test`, error: "unzulässige Zeichen" },
];

async function outboxCount() {
  return (await db.select({ id: mailOutbox.id }).from(mailOutbox)).length;
}

test("sign-in form: each bad e-mail gets a message next to the field and nothing is sent", async ({
  page,
}) => {
  await page.goto("/sign-in");
  for (const c of cases) {
    await page.getByLabel("E-Mail-Adresse").fill(c.value);
    await page.getByLabel("Passwort", { exact: true }).fill("whatever-password");
    await page.getByRole("button", { name: "Anmelden" }).click();
    await expect(page.locator('[data-field-error="email"]'), c.value).toContainText(c.error);
  }
  await page.getByLabel("E-Mail-Adresse").fill("owner@muster.example");
  await page.getByLabel("Passwort", { exact: true }).fill("");
  await page.getByRole("button", { name: "Anmelden" }).click();
  await expect(page.locator('[data-field-error="password"]')).toContainText("Bitte füllen Sie");
  await screenshot(page, "sign-in-errors");
  await expect(page).toHaveURL(/\/sign-in/);
});

test("sign-in link and password reset requests: bad addresses are refused and no mail is queued", async ({
  page,
}) => {
  const before = await outboxCount();
  await page.goto("/sign-in");
  await page.getByRole("tab", { name: "Link per E-Mail" }).click();
  for (const c of cases) {
    await page.getByLabel("E-Mail-Adresse").fill(c.value);
    await page.getByRole("button", { name: "Anmeldelink senden" }).click();
    await expect(page.locator('[data-field-error="email"]'), c.value).toContainText(c.error);
  }
  await page.goto("/forgot-password");
  for (const c of cases) {
    await page.getByLabel("E-Mail-Adresse").fill(c.value);
    await page.getByRole("button", { name: "Link zum Zurücksetzen senden" }).click();
    await expect(page.locator('[data-field-error="email"]'), c.value).toContainText(c.error);
  }
  expect(await outboxCount()).toBe(before);
});

test("invite form: bad addresses and control characters are refused; nothing is stored", async ({ page }) => {
  const { org, admin } = await factories.makeOrgWithPeople();
  await signInAs(page.context(), admin.id);
  await page.goto("/members");
  for (const c of [
    ...cases,
    { value: `x@example.test\r\nBcc: y@example.test`, error: "gültige E-Mail-Adresse" },
  ]) {
    await page.getByLabel("E-Mail-Adresse").fill(c.value);
    await page.getByRole("button", { name: "Einladung senden" }).click();
    await expect(page.locator('[data-field-error="email"]'), JSON.stringify(c.value)).toContainText(c.error);
  }
  await screenshot(page, "invite-errors");
  const invitations = await db
    .select()
    .from(memberInvitations)
    .where(eq(memberInvitations.organisationId, org.id));
  expect(invitations).toHaveLength(0);
});

test("profile form: empty, too long and control characters in the name change nothing", async ({ page }) => {
  const user = await factories.makeUser({ name: "Original Name" });
  await signInAs(page.context(), user.id);
  await page.goto("/settings");
  // The field stops typing at 120 characters; the server must refuse a longer name all the same.
  await page.getByLabel("Name").evaluate((el) => el.removeAttribute("maxlength"));
  for (const [value, error] of [
    ["", "Bitte füllen Sie"],
    ["n".repeat(121), "zu lang"],
    [`Mallory${RLO}gnp.exe`, "unzulässige Zeichen"],
    [`Bell${BEL}Name`, "unzulässige Zeichen"],
  ] as const) {
    await page.getByLabel("Name").fill(value);
    await page.getByRole("button", { name: "Speichern" }).click();
    await expect(page.locator('[data-field-error="name"]'), JSON.stringify(value)).toContainText(error);
  }
  const [row] = await db.select().from(users).where(eq(users.id, user.id));
  expect(row?.name).toBe("Original Name");
  await page.getByLabel("Name").fill("New Name");
  await page.getByRole("button", { name: "Speichern" }).click();
  await expect(page.getByRole("status").filter({ hasText: "gespeichert" })).toBeVisible();
  const [saved] = await db.select().from(users).where(eq(users.id, user.id));
  expect(saved?.name).toBe("New Name");
});

test("accepting an invitation: bad name and passwords get messages; a good form creates the account and signs in", async ({
  page,
}) => {
  const { admin, org } = await factories.makeOrgWithPeople();
  const adminCtx = await page.context().browser()!.newContext();
  await signInAs(adminCtx, admin.id);
  const adminPage = await adminCtx.newPage();
  await adminPage.goto("/members");
  const invitee = `new-${factories.uniq()}@test.example`;
  await adminPage.getByLabel("E-Mail-Adresse").fill(invitee);
  await adminPage.getByRole("button", { name: "Einladung senden" }).click();
  await expect(adminPage.getByText(invitee)).toBeVisible();
  await adminCtx.close();
  const { waitForMail, linkIn } = await import("./support/fixtures");
  const mail = await waitForMail(invitee);
  expect(mail.subject).toContain(org.name);

  await page.goto(linkIn(mail.text, "/accept-invitation?token="));
  await expect(page.getByRole("heading", { name: `${org.name} beitreten` })).toBeVisible();
  await page.getByLabel("Name").fill(`Eve${RLO}`);
  await page.getByLabel("Passwort", { exact: true }).fill("short");
  await page.getByLabel("Neues Passwort wiederholen").fill("different");
  await page.getByRole("button", { name: "Konto anlegen" }).click();
  await expect(page.locator('[data-field-error="name"]')).toContainText("unzulässige Zeichen");
  await expect(page.locator('[data-field-error="password"]')).toContainText("zu kurz");
  await screenshot(page, "accept-invitation-errors");
  expect(await db.select().from(users).where(eq(users.email, invitee))).toHaveLength(0);

  await page.getByLabel("Name").fill("Eve Example");
  await page.getByLabel("Passwort", { exact: true }).fill("a-good-password-1");
  await page.getByLabel("Neues Passwort wiederholen").fill("a-good-password-1");
  await page.getByRole("button", { name: "Konto anlegen" }).click();
  await expect(page).toHaveURL(/\/overview$/);
  await expect(page.getByText(org.name).first()).toBeVisible();
  const [created] = await db.select().from(users).where(eq(users.email, invitee));
  expect(created?.name).toBe("Eve Example");
  // The one-time sign-in token used for the automatic sign-in is spent.
  const tokens = await db.select().from(authTokens).where(eq(authTokens.userId, created!.id));
  expect(tokens.every((t) => t.usedAt !== null)).toBe(true);
});
