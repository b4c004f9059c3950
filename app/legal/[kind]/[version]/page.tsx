import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { Badge, Card, Notice } from "@/components/ui";
import type { TermsKind } from "@/db/schema";
import { db } from "@/lib/server/portal";
import { getLegalDocument } from "@/lib/terms/get-legal-document";
import { orNotFound } from "@/lib/web/page";

type Params = { params: Promise<{ kind: string; version: string }> };

const SECTIONS = ["s1", "s2", "s3", "s4", "s5"] as const;

async function load({ params }: Params) {
  const p = await params;
  return orNotFound(() => getLegalDocument(db, { kind: p.kind, version: decodeURIComponent(p.version) }));
}

export async function generateMetadata(props: Params) {
  const { doc } = await load(props);
  const locale = await getLocale();
  return { title: `${locale === "en" ? doc.titleEn : doc.titleDe} ${doc.version}` };
}

export default async function LegalDocumentPage(props: Params) {
  const { doc, currentVersion } = await load(props);
  const locale = await getLocale();
  const t = await getTranslations("legal");
  const format = await getFormatter();
  const kind: TermsKind = doc.kind;
  const title = locale === "en" ? doc.titleEn : doc.titleDe;
  return (
    <article>
      <header className="mb-6">
        <div className="flex flex-wrap items-center gap-2">
          {doc.isCurrent && <Badge tone="green">{t("current")}</Badge>}
          <span className="text-sm text-slate-500">
            {t("published", { date: format.dateTime(doc.publishedAt, { dateStyle: "long" }) })}
          </span>
        </div>
        <h1 className="mt-2 text-3xl font-semibold tracking-tight text-slate-900">
          {t("documentTitle", { title, version: doc.version })}
        </h1>
      </header>
      {!doc.isCurrent && currentVersion && (
        <div className="mb-6">
          <Notice tone="warning">
            {t("superseded")}{" "}
            <Link
              className="font-medium underline"
              href={`/legal/${kind}/${encodeURIComponent(currentVersion)}`}
            >
              {t("readCurrent")}
            </Link>
          </Notice>
        </div>
      )}
      <Card className="space-y-6 p-8">
        {SECTIONS.map((s) => (
          <section key={s}>
            <h2 className="text-base font-semibold text-slate-900">{t(`docs.${kind}.${s}.heading`)}</h2>
            <p className="mt-2 text-sm leading-relaxed text-slate-700">{t(`docs.${kind}.${s}.body`)}</p>
          </section>
        ))}
      </Card>
      <p className="mt-6 text-xs text-slate-500">{t("provisional")}</p>
    </article>
  );
}
