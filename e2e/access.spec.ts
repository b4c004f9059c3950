import { and, eq, isNull } from "drizzle-orm";
import { mailOutbox, memberInvitations, memberships } from "@/db/schema";
import { db, expect, factories, screenshot, signInAs, test } from "./support/fixtures";
import { replayForm } from "./support/replay-form";
import { E2E_BASE_URL } from "./support/run";

test.describe("roles", () => {
  test("a member sees no admin pages: members, audit, sales and operator pages answer 404", async ({
    page,
  }) => {
    const { member } = await factories.makeOrgWithPeople();
    await signInAs(page.context(), member.id);
    await page.goto("/overview");
    await expect(page.getByRole("navigation").getByRole("link", { name: "Mitglieder" })).toHaveCount(0);
    await expect(page.getByRole("navigation").getByRole("link", { name: "Protokoll" })).toHaveCount(0);
    for (const path of ["/members", "/audit", "/sales/trials", "/operator/outbox", "/operator/terms"]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(404);
      await expect(page.getByRole("heading", { name: "Seite nicht gefunden" })).toBeVisible();
    }
    await screenshot(page, "member-404");
  });

  test("an admin manages members but cannot read the audit log (owners only)", async ({ page }) => {
    const { admin } = await factories.makeOrgWithPeople();
    await signInAs(page.context(), admin.id);
    expect((await page.goto("/members"))?.status()).toBe(200);
    expect((await page.goto("/audit"))?.status()).toBe(404);
  });

  test("a member replaying the admin's invite action is refused and nothing changes", async ({ browser }) => {
    const { org, admin, member } = await factories.makeOrgWithPeople();
    const adminCtx = await browser.newContext();
    await signInAs(adminCtx, admin.id);
    const adminPage = await adminCtx.newPage();
    await adminPage.goto("/members");
    const memberCtx = await browser.newContext();
    await signInAs(memberCtx, member.id);
    const memberPage = await memberCtx.newPage();
    await memberPage.goto("/overview");
    const target = `victim-${factories.uniq()}@test.example`;
    const response = await replayForm(
      adminPage,
      memberPage,
      "form:has(select[name=role]):has(input[name=email])",
      { email: target, role: "admin" },
    );
    expect(response.status()).toBe(404);
    const invitations = await db.select().from(memberInvitations).where(eq(memberInvitations.email, target));
    expect(invitations).toHaveLength(0);
    const mails = await db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, target));
    expect(mails).toHaveLength(0);
    // The same replay by the admin works, so the refusal above was the role, not a broken replay.
    const control = `control-${factories.uniq()}@test.example`;
    const adminPage2 = await adminCtx.newPage();
    await adminPage2.goto("/overview");
    const ok = await replayForm(adminPage, adminPage2, "form:has(select[name=role]):has(input[name=email])", {
      email: control,
      role: "admin",
    });
    expect(ok.status()).toBe(200);
    const after = await db
      .select()
      .from(memberInvitations)
      .where(and(eq(memberInvitations.email, control), eq(memberInvitations.organisationId, org.id)));
    expect(after).toHaveLength(1);
    await adminCtx.close();
    await memberCtx.close();
  });
});

test.describe("organisation isolation", () => {
  test("an owner of A cannot switch into, read or change organisation B by guessing its IDs", async ({
    browser,
    page,
  }) => {
    const a = await factories.makeOrgWithPeople();
    const b = await factories.makeOrgWithPeople();
    // B has an open invitation and a member whose role A will try to change.
    const bOwnerCtx = await browser.newContext();
    await signInAs(bOwnerCtx, b.owner.id);
    const bPage = await bOwnerCtx.newPage();
    await bPage.goto("/members");
    const bInvitee = `b-${factories.uniq()}@test.example`;
    await bPage.getByLabel("E-Mail-Adresse").fill(bInvitee);
    await bPage.getByRole("button", { name: "Einladung senden" }).click();
    await expect(bPage.getByText(bInvitee)).toBeVisible();
    const [bInvitation] = await db
      .select()
      .from(memberInvitations)
      .where(eq(memberInvitations.email, bInvitee));

    await signInAs(page.context(), a.owner.id);
    // A forged organisation cookie is ignored: A still works in A.
    await page.context().addCookies([{ name: "portal-org", value: b.org.id, url: E2E_BASE_URL }]);
    await page.goto("/members");
    await expect(page.getByText(a.member.email)).toBeVisible();
    await expect(page.getByText(b.member.email)).toHaveCount(0);

    // A's own invitation, so that the withdraw and role forms exist on A's page.
    const aInvitee = `a-${factories.uniq()}@test.example`;
    await page.getByLabel("E-Mail-Adresse").fill(aInvitee);
    await page.getByRole("button", { name: "Einladung senden" }).click();
    await expect(page.getByText(aInvitee)).toBeVisible();

    // Withdraw B's invitation by its id from A's page.
    await page
      .locator("input[name=invitationId]")
      .first()
      .evaluate((el, id) => ((el as HTMLInputElement).value = id), bInvitation!.id);
    await page.getByRole("button", { name: "Zurückziehen" }).first().click();
    await expect(page.locator("main").getByRole("alert").filter({ hasText: "Nicht gefunden" })).toBeVisible();
    const [stillOpen] = await db
      .select()
      .from(memberInvitations)
      .where(and(eq(memberInvitations.id, bInvitation!.id), isNull(memberInvitations.revokedAt)));
    expect(stillOpen).toBeTruthy();

    // Promote B's member, and remove B's owner, by their ids from A's page.
    const roleForm = page.locator("form:has(select[name=role]):has(input[name=userId])").first();
    await roleForm
      .locator("input[name=userId]")
      .evaluate((el, id) => ((el as HTMLInputElement).value = id), b.member.id);
    await roleForm.locator("select[name=role]").selectOption("owner");
    await roleForm.getByRole("button", { name: "Speichern" }).click();
    await expect(
      page.locator("main").getByRole("alert").filter({ hasText: "Nicht gefunden" }).first(),
    ).toBeVisible();
    page.once("dialog", (d) => d.accept());
    const removeForm = page.locator("form:has(button:text('Entfernen'))").first();
    await removeForm
      .locator("input[name=userId]")
      .evaluate((el, id) => ((el as HTMLInputElement).value = id), b.owner.id);
    await removeForm.getByRole("button", { name: "Entfernen" }).click();
    await expect(
      page.locator("main").getByRole("alert").filter({ hasText: "Nicht gefunden" }).first(),
    ).toBeVisible();

    // Per person: B's member was not promoted and B's owner was not removed.
    const bMembers = await db.select().from(memberships).where(eq(memberships.organisationId, b.org.id));
    expect(Object.fromEntries(bMembers.map((m) => [m.userId, m.role]))).toEqual({
      [b.owner.id]: "owner",
      [b.admin.id]: "admin",
      [b.member.id]: "member",
    });
    await bOwnerCtx.close();
  });

  test("an operator's outbox mail cannot be opened by a customer, whatever the id", async ({ page }) => {
    const { owner } = await factories.makeOrgWithPeople();
    const [mail] = await db.select({ id: mailOutbox.id }).from(mailOutbox).limit(1);
    await signInAs(page.context(), owner.id);
    const response = await page.goto(
      `/operator/outbox/${mail?.id ?? "00000000-0000-4000-8000-000000000000"}`,
    );
    expect(response?.status()).toBe(404);
  });
});
