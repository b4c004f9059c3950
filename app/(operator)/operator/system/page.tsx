import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { Badge, Card, LeadLink, Notice, PageHeader } from "@/components/ui";
import { getSystemStatus } from "@/lib/operations/get-system-status";
import { portal } from "@/lib/server/portal";
import { requireActor } from "@/lib/web/context";
import { orNotFound } from "@/lib/web/page";

export async function generateMetadata() {
  return { title: (await getTranslations("system"))("title") };
}

function Section({
  title,
  ok,
  area,
  children,
}: {
  title: string;
  ok?: ReactNode;
  area: string;
  children: ReactNode;
}) {
  return (
    <Card className="space-y-3 p-5">
      <div className="flex items-center justify-between gap-3" data-system={area}>
        <h2 className="text-base font-semibold text-slate-900">{title}</h2>
        {ok}
      </div>
      {children}
    </Card>
  );
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className="font-medium text-slate-900">{children}</dd>
    </div>
  );
}

export default async function SystemStatusPage() {
  const actor = await requireActor();
  const s = await orNotFound(() => getSystemStatus(actor, { databaseKind: portal().database.kind }));
  const t = await getTranslations("system");
  const state = (ok: boolean) =>
    ok ? <Badge tone="green">{t("configured")}</Badge> : <Badge tone="amber">{t("notConfigured")}</Badge>;
  const seconds = (n: number) => t("seconds", { seconds: n });
  return (
    <>
      <PageHeader title={t("title")} lead={t("lead")} />
      <div className="grid gap-6 lg:grid-cols-2">
        <Section title={t("mail.title")} ok={state(!!s.mail.smtp)} area="mail">
          <dl className="grid grid-cols-2 gap-3 text-sm">
            {s.mail.smtp && (
              <Row label={t("mail.smtp")}>
                <span className="font-mono">
                  {s.mail.smtp.host}
                  {s.mail.smtp.port !== null && `:${s.mail.smtp.port}`}
                </span>
              </Row>
            )}
            <Row label={t("mail.from")}>{s.mail.from}</Row>
          </dl>
          {s.mail.smtp ? (
            <p className="text-sm text-slate-600">{t("mail.ok")}</p>
          ) : (
            <Notice tone="warning">
              <LeadLink lead={t("mail.missing")} href="/operator/outbox" onNotice>
                {t("mail.outbox")}
              </LeadLink>
            </Notice>
          )}
        </Section>

        <Section title={t("turn.title")} ok={state(s.turn.configured)} area="turn">
          {s.turn.configured ? (
            <>
              <dl className="grid grid-cols-2 gap-3 text-sm">
                <Row label={t("turn.server")}>
                  <span className="font-mono">
                    {s.turn.host}:{s.turn.port}
                  </span>
                </Row>
                <Row label={t("turn.ttl")}>{seconds(s.turn.ttlSeconds)}</Row>
              </dl>
              <p className="text-sm text-slate-600">{t("turn.ok")}</p>
            </>
          ) : (
            <Notice tone="warning">{t("turn.missing")}</Notice>
          )}
        </Section>

        <Section
          title={t("database.title")}
          ok={<Badge tone="blue">{t(`database.${s.database.kind}`)}</Badge>}
          area="database"
        >
          <p className="text-sm text-slate-600">{t(`database.${s.database.kind}Hint`)}</p>
        </Section>

        <Section title={t("heartbeat.title")} area="heartbeat">
          <dl className="grid grid-cols-3 gap-3 text-sm">
            <Row label={t("heartbeat.interval")}>{seconds(s.heartbeat.intervalSeconds)}</Row>
            <Row label={t("heartbeat.late")}>{seconds(s.heartbeat.lateAfterSeconds)}</Row>
            <Row label={t("heartbeat.offline")}>{seconds(s.heartbeat.offlineAfterSeconds)}</Row>
          </dl>
          <p className="text-sm text-slate-600">{t("heartbeat.hint")}</p>
        </Section>
      </div>
    </>
  );
}
