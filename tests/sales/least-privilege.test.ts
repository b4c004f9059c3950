import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { memberInvitations } from "@/db/schema";
import { listAuditEvents } from "@/lib/audit/list-audit-events";
import { loadActor } from "@/lib/auth/load-actor";
import { createUserSession } from "@/lib/auth/sessions";
import { listAppInvitations } from "@/lib/invitations/list-app-invitations";
import { licensesOverview } from "@/lib/licenses/licenses-overview";
import { inviteMember } from "@/lib/orgs/invite-member";
import { listMembers } from "@/lib/orgs/list-members";
import { getServerOverview } from "@/lib/servers/get-server-overview";
import { registerServer } from "@/lib/servers/register-server";
import { searchServers } from "@/lib/servers/search-servers";
import { listOrgTerms } from "@/lib/terms/list-org-terms";
import { assignTrial } from "@/lib/trials/assign-trial";
import { getTrial } from "@/lib/trials/get-trial";
import { listTrialPipeline } from "@/lib/trials/list-trial-pipeline";
import { resendTrialInvitation } from "@/lib/trials/resend-trial-invitation";
import { startTrialForProspect } from "@/lib/trials/start-trial-for-prospect";
import { db } from "@/tests/setup/db";
import { addMember, makeOrgWithPeople, makeUser, uniq } from "@/tests/setup/factories";

/** A sales person as the portal builds them from a real session, asking for someone else's organisation. */
async function salesActor(preferredOrgId: string) {
  const user = await makeUser({ staff: ["sales"] });
  const { token } = await createUserSession(db, { userId: user.id, ip: "127.0.0.1", userAgent: "test" });
  return (await loadActor(db, { sessionToken: token, preferredOrgId, ip: "127.0.0.1" }))!;
}

describe("least privilege for sales", () => {
  it("sales cannot read or act in a paying customer's organisation, even asking for it by id", async () => {
    const customer = await makeOrgWithPeople();
    const server = await registerServer(db, customer.owner.actor, { name: "Kunde Zentrale" });
    const sales = await salesActor(customer.org.id);
    expect(sales.org).toBeNull();
    expect(sales.staffRoles).toEqual(["sales"]);

    const refused = [
      () => listMembers(db, sales),
      () => listAuditEvents(db, sales),
      () => listAppInvitations(db, sales),
      () => searchServers(db, sales, {}),
      () => getServerOverview(db, sales, { server: server.id }),
      () => licensesOverview(db, sales),
      () => listOrgTerms(db, sales),
      () => inviteMember(db, sales, { email: `x-${uniq()}@test.example`, role: "owner", locale: "de" }),
      () => registerServer(db, sales, { name: "Eingeschmuggelt" }),
    ];
    for (const call of refused) await expect(call()).rejects.toMatchObject({ code: "not-found" });
  });

  it("the pipeline and a trial's page show trial facts only, never the organisation's other people", async () => {
    const sales = await salesActor("00000000-0000-0000-0000-000000000000");
    const started = await startTrialForProspect(db, sales, {
      company: `Prospect ${uniq()}`,
      contactName: "Kontakt",
      contactEmail: `k-${uniq()}@prospect.example`,
      locale: "de",
      preRegister: false,
    });
    const detail = await getTrial(db, sales, started.trialId);
    expect(Object.keys(detail).sort()).toEqual(
      [
        "id",
        "company",
        "claimed",
        "origin",
        "contactName",
        "contactEmail",
        "salesPerson",
        "startedBy",
        "startsAt",
        "endsAt",
        "extension",
        "converted",
        "state",
        "mergedCount",
        "owner",
        "ownerInvitation",
        "server",
        "history",
        "extensionDays",
      ].sort(),
    );
    // Sales may re-send the owner invitation: the first link stops working, a new one goes out.
    await resendTrialInvitation(db, sales, { trialId: started.trialId });
    const invitations = await db
      .select()
      .from(memberInvitations)
      .where(eq(memberInvitations.organisationId, started.organisationId));
    expect(invitations.map((i) => i.revokedAt === null).sort()).toEqual([false, true]);
    // A colleague joins before the owner: sales see the owner, never the organisation's other people.
    const colleague = await makeUser();
    await addMember(started.organisationId, colleague.id, "member");
    const owner = await makeUser();
    await addMember(started.organisationId, owner.id, "owner");
    const pipeline = await listTrialPipeline(db, sales, { q: detail.company });
    expect(pipeline.rows).toHaveLength(1);
    const row = pipeline.rows[0]!;
    expect(Object.keys(row).sort()).toEqual(
      [
        "id",
        "company",
        "claimed",
        "origin",
        "owner",
        "contactEmail",
        "salesPerson",
        "startsAt",
        "endsAt",
        "extended",
        "convertedAt",
        "server",
      ].sort(),
    );
    const joined = await getTrial(db, sales, started.trialId);
    for (const shown of [row, joined]) {
      expect(shown.owner).toEqual({ name: owner.name, email: owner.email });
      expect(JSON.stringify(shown)).not.toContain(colleague.email);
    }
  });

  it("customers reach no sales use case", async () => {
    const customer = await makeOrgWithPeople();
    for (const actor of [customer.owner.actor, customer.member.actor]) {
      await expect(listTrialPipeline(db, actor, {})).rejects.toMatchObject({ code: "not-found" });
      await expect(
        startTrialForProspect(db, actor, {
          company: "X",
          contactName: "Y",
          contactEmail: `z-${uniq()}@test.example`,
          locale: "de",
          preRegister: false,
        }),
      ).rejects.toMatchObject({ code: "not-found" });
      await expect(
        assignTrial(db, actor, { trialId: crypto.randomUUID(), salesUserId: "me" }),
      ).rejects.toMatchObject({ code: "not-found" });
      await expect(resendTrialInvitation(db, actor, { trialId: crypto.randomUUID() })).rejects.toMatchObject({
        code: "not-found",
      });
    }
  });
});
