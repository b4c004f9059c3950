import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { Card, Notice, PageHeader } from "@/components/ui";
import { getOutboxMail } from "@/lib/mail/list-outbox";
import { db } from "@/lib/server/portal";
import { requireActor } from "@/lib/web/context";
import { orNotFound } from "@/lib/web/page";

export default async function OutboxMailPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor();
  const { id } = await params;
  const mail = await orNotFound(() => getOutboxMail(db, actor, id));
  const t = await getTranslations();
  const format = await getFormatter();
  return (
    <>
      <Link href="/operator/outbox" className="mb-4 inline-block text-sm text-brand-700 hover:underline">
        ← {t("common.back")}
      </Link>
      <PageHeader
        title={mail.subject}
        lead={`${t("operator.to")}: ${mail.toAddress} · ${format.dateTime(mail.createdAt, { dateStyle: "medium", timeStyle: "medium" })} · ${t(`operator.mailStatus.${mail.status}`)}`}
      />
      {mail.erased ? (
        <Notice tone="info">{t("operator.bodyErased")}</Notice>
      ) : (
        <>
          {mail.carriesSecret && (
            <div className="mb-4">
              <Notice tone={mail.linksShown ? "warning" : "info"}>
                {t(mail.linksShown ? "operator.linksShown" : "operator.linksMasked")}
              </Notice>
            </div>
          )}
          <MailBody html={mail.html} text={mail.text} subject={mail.subject} />
        </>
      )}
      {mail.lastError && (
        <p className="mt-4 text-sm text-red-600">
          {t("operator.lastError")}: {mail.lastError}
        </p>
      )}
    </>
  );
}

async function MailBody({ html, text, subject }: { html: string; text: string; subject: string }) {
  const t = await getTranslations();
  return (
    <div className="grid gap-6 xl:grid-cols-2">
      <Card className="overflow-hidden">
        <h2 className="border-b border-slate-200 px-4 py-2 text-xs font-semibold uppercase tracking-wide text-slate-500">
          {t("operator.htmlPart")}
        </h2>
        {/* Sandboxed: the mail's HTML cannot run script or reach this page. Links open in a new tab. */}
        <iframe
          title={subject}
          sandbox="allow-popups allow-popups-to-escape-sandbox"
          srcDoc={html.replace("<head>", '<head><base target="_blank">')}
          className="h-[640px] w-full bg-white"
        />
      </Card>
      <Card className="overflow-hidden">
        <h2 className="border-b border-slate-200 px-4 py-2 text-xs font-semibold uppercase tracking-wide text-slate-500">
          {t("operator.textPart")}
        </h2>
        <pre className="overflow-x-auto p-4 text-sm whitespace-pre-wrap" data-testid="mail-text">
          {linkify(text)}
        </pre>
      </Card>
    </div>
  );
}

/** Links in the plain-text part become clickable, so a newcomer can follow them from here. */
function linkify(text: string) {
  return text.split(/(https?:\/\/\S+)/g).map((part, i) =>
    /^https?:\/\//.test(part) ? (
      // biome-ignore lint/suspicious/noArrayIndexKey: fixed split of immutable text
      <a key={i} href={part} className="text-brand-700 underline">
        {part}
      </a>
    ) : (
      part
    ),
  );
}
