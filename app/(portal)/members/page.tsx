import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { Badge, Card, PageHeader, Table, Td } from "@/components/ui";
import { listMembers } from "@/lib/orgs/list-members";
import { can } from "@/lib/permissions";
import { db } from "@/lib/server/portal";
import { requireActor } from "@/lib/web/context";
import { orNotFound } from "@/lib/web/page";
import { changeRoleAction, inviteMemberAction, removeMemberAction, revokeInvitationAction } from "./actions";
import { InviteForm, MemberActions, RevokeButton } from "./forms";

export async function generateMetadata() {
  return { title: (await getTranslations("members"))("title") };
}

export default async function MembersPage() {
  const actor = await requireActor();
  const { members, invitations } = await orNotFound(() => listMembers(db, actor));
  const t = await getTranslations();
  const format = await getFormatter();
  const locale = await getLocale();
  const isOwner = can(actor, "members.change-role");
  return (
    <>
      <PageHeader title={t("members.title")} lead={t("members.lead")} />
      <div className="grid gap-6 xl:grid-cols-[minmax(0,1fr)_18rem]">
        <div className="space-y-6">
          <Table head={[t("common.name"), t("common.role"), t("members.since"), ""]}>
            {members.map((m) => (
              <tr key={m.userId} data-member={m.email}>
                <Td>
                  <p className="font-medium text-slate-900">
                    {m.name}{" "}
                    {m.userId === actor.userId && (
                      <span className="text-xs text-slate-400">({t("members.you")})</span>
                    )}
                  </p>
                  <p className="text-xs text-slate-500">{m.email}</p>
                </Td>
                <Td>
                  <Badge tone={m.role === "owner" ? "blue" : "gray"}>{t(`roles.${m.role}`)}</Badge>
                </Td>
                <Td className="whitespace-nowrap text-slate-500">
                  {format.dateTime(m.since, { dateStyle: "medium" })}
                </Td>
                <Td className="text-right">
                  {m.userId !== actor.userId && (isOwner || m.role === "member") && (
                    <MemberActions
                      userId={m.userId}
                      name={m.name}
                      role={m.role}
                      canChangeRole={isOwner}
                      changeRole={changeRoleAction}
                      remove={removeMemberAction}
                    />
                  )}
                </Td>
              </tr>
            ))}
          </Table>
          <section>
            <h2 className="mb-2 text-sm font-semibold text-slate-900">{t("members.pending")}</h2>
            {invitations.length === 0 ? (
              <p className="text-sm text-slate-500">{t("members.emptyPending")}</p>
            ) : (
              <Table head={[t("common.email"), t("common.role"), t("members.expires"), ""]}>
                {invitations.map((i) => (
                  <tr key={i.id}>
                    <Td>{i.email}</Td>
                    <Td>{t(`roles.${i.role}`)}</Td>
                    <Td className="whitespace-nowrap text-slate-500">
                      {format.dateTime(i.expiresAt, { dateStyle: "medium" })}
                    </Td>
                    <Td className="text-right">
                      <RevokeButton invitationId={i.id} action={revokeInvitationAction} />
                    </Td>
                  </tr>
                ))}
              </Table>
            )}
          </section>
        </div>
        <Card className="h-fit p-5">
          <h2 className="text-base font-semibold">{t("members.invite")}</h2>
          <p className="mt-1 mb-4 text-sm text-slate-600">{t("members.inviteLead")}</p>
          <InviteForm action={inviteMemberAction} canInviteOwner={isOwner} defaultLocale={locale} />
        </Card>
      </div>
    </>
  );
}
