import { getTranslations } from "next-intl/server";
import { Card, PageHeader } from "@/components/ui";
import { listNotificationSettings } from "@/lib/notifications/list-notification-settings";
import { can } from "@/lib/permissions";
import { db } from "@/lib/server/portal";
import { requireActor } from "@/lib/web/context";
import { updateNotificationsAction, updateProfileAction } from "./actions";
import { deleteOrganisationAction, leaveOrganisationAction } from "./leaving-actions";
import { DeleteOrganisationForm, LeaveForm } from "./leaving-forms";
import { NotificationsForm } from "./notifications-form";
import { ProfileForm } from "./profile-form";

export async function generateMetadata() {
  return { title: (await getTranslations("settings"))("title") };
}

export default async function SettingsPage() {
  const actor = await requireActor();
  const t = await getTranslations();
  const settings = await listNotificationSettings(db, actor);
  return (
    <>
      <PageHeader title={t("settings.title")} lead={t("settings.lead")} />
      <div className="grid items-start gap-6 lg:grid-cols-2">
        <Card className="p-6">
          <p className="mb-4 text-sm text-slate-500">{actor.email}</p>
          <ProfileForm action={updateProfileAction} name={actor.name} locale={actor.locale} />
        </Card>
        <Card className="p-6">
          <h2 className="text-base font-semibold text-slate-900">{t("notifications.title")}</h2>
          <p className="mt-1 mb-4 text-sm text-slate-600">{t("notifications.lead")}</p>
          {settings.length === 0 ? (
            <p className="text-sm text-slate-500">{t("notifications.none")}</p>
          ) : (
            <div className="divide-y divide-slate-200">
              {settings.map((s) => (
                <div
                  key={s.organisationId}
                  className="py-4 first:pt-0 last:pb-0"
                  data-org={s.organisationName}
                >
                  {settings.length > 1 && (
                    <h3 className="mb-3 text-sm font-semibold text-slate-800">{s.organisationName}</h3>
                  )}
                  <NotificationsForm action={updateNotificationsAction} setting={s} />
                </div>
              ))}
            </div>
          )}
        </Card>
      </div>
      {actor.org && (
        <section className="mt-10" aria-labelledby="organisation-leaving">
          <h2 id="organisation-leaving" className="mb-3 text-base font-semibold text-slate-900">
            {t("leaving.sectionTitle", { name: actor.org.name })}
          </h2>
          <div className="grid items-start gap-6 lg:grid-cols-2">
            <Card className="p-6">
              <h3 className="mb-3 text-sm font-semibold text-slate-900">{t("leaving.leaveTitle")}</h3>
              <LeaveForm
                action={leaveOrganisationAction}
                organisationId={actor.org.id}
                name={actor.org.name}
                owner={actor.org.role === "owner"}
              />
            </Card>
            {can(actor, "organisation.delete") && (
              <Card className="p-6 ring-1 ring-red-200">
                <h3 className="mb-3 text-sm font-semibold text-red-800">{t("leaving.deleteTitle")}</h3>
                <DeleteOrganisationForm
                  action={deleteOrganisationAction}
                  organisationId={actor.org.id}
                  name={actor.org.name}
                />
              </Card>
            )}
          </div>
        </section>
      )}
    </>
  );
}
