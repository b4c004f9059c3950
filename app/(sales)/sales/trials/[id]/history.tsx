import { getFormatter, getTranslations } from "next-intl/server";
import { Card } from "@/components/ui";
import type { TrialDetail } from "@/lib/trials/get-trial";

const str = (v: unknown) => (typeof v === "string" || typeof v === "number" ? String(v) : "");

/** The trial's own history from the audit log, newest last, with the reason of an extension. */
export async function History({
  history,
  productName,
}: {
  history: TrialDetail["history"];
  productName: (key: string) => string;
}) {
  const t = await getTranslations("trials.history");
  const format = await getFormatter();
  return (
    <Card className="p-5">
      <h2 className="mb-3 text-base font-semibold text-slate-900">{t("title")}</h2>
      {history.length === 0 ? (
        <p className="text-sm text-slate-500">{t("empty")}</p>
      ) : (
        <ol className="relative space-y-4 border-l border-slate-200 pl-5" data-history>
          {history.map((h) => {
            const d = h.details;
            const event = `events.${h.action.replace(/^trial\./, "")}`;
            const lines = Array.isArray(d.lines) ? (d.lines as { product: string; quantity: number }[]) : [];
            return (
              <li key={`${h.at.toISOString()}-${h.action}`} className="relative" data-event={h.action}>
                <span className="absolute top-1.5 -left-[1.6rem] size-2.5 rounded-full bg-brand-500 ring-4 ring-white" />
                <p className="text-sm font-medium text-slate-900">
                  {t.has(event)
                    ? t(event, { name: str(d.toName), days: str(d.days), email: str(d.email) })
                    : h.action}
                </p>
                {h.action === "trial.extended" && str(d.reason) && (
                  <p
                    className="mt-1 border-l-2 border-slate-200 pl-2 text-sm italic text-slate-700"
                    data-reason
                  >
                    {str(d.reason)}
                  </p>
                )}
                {lines.length > 0 && (
                  <p className="mt-0.5 text-sm text-slate-700">
                    {lines.map((l) => `${l.quantity} × ${productName(l.product)}`).join(", ")}
                  </p>
                )}
                <p className="text-xs text-slate-500">
                  {format.dateTime(h.at, { dateStyle: "medium", timeStyle: "short" })} ·{" "}
                  {t("by", { actor: h.actor })}
                </p>
              </li>
            );
          })}
        </ol>
      )}
    </Card>
  );
}
