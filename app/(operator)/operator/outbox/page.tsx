import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { Badge, EmptyState, Icon, Notice, PageHeader, Table, Td } from "@/components/ui";
import { env } from "@/lib/env";
import { listOutbox } from "@/lib/mail/list-outbox";
import { db } from "@/lib/server/portal";
import { requireActor } from "@/lib/web/context";
import { orNotFound } from "@/lib/web/page";

export async function generateMetadata() {
  return { title: (await getTranslations("operator"))("outboxTitle") };
}

const statusTone = { queued: "amber", sending: "blue", sent: "green", failed: "red" } as const;

export default async function OutboxPage() {
  const actor = await requireActor();
  const mails = await orNotFound(() => listOutbox(db, actor));
  const t = await getTranslations("operator");
  const format = await getFormatter();
  return (
    <>
      <PageHeader title={t("outboxTitle")} lead={t("outboxLead")} />
      {!env().SMTP_URL && (
        <div className="mb-4">
          <Notice tone="warning">{t("noSmtp")}</Notice>
        </div>
      )}
      {mails.length === 0 ? (
        <EmptyState icon={<Icon name="mail" />} title={t("outboxEmpty")} body={t("outboxEmptyBody")} />
      ) : (
        <Table head={[t("to"), t("subject"), t("attempts"), "", ""]}>
          {mails.map((m) => (
            <tr key={m.id} data-mail-to={m.toAddress}>
              <Td className="whitespace-nowrap">{m.toAddress}</Td>
              <Td>
                <Link
                  href={`/operator/outbox/${m.id}`}
                  className="font-medium text-brand-700 hover:underline"
                >
                  {m.subject}
                </Link>
                {m.lastError && <p className="mt-0.5 text-xs text-red-600">{m.lastError}</p>}
              </Td>
              <Td>{m.attempts}</Td>
              <Td>
                <Badge tone={statusTone[m.status]}>{t(`mailStatus.${m.status}`)}</Badge>
              </Td>
              <Td className="whitespace-nowrap text-right text-xs text-slate-500">
                {format.dateTime(m.createdAt, { dateStyle: "short", timeStyle: "medium" })}
              </Td>
            </tr>
          ))}
        </Table>
      )}
    </>
  );
}
