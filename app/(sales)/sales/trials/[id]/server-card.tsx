import { getFormatter, getTranslations } from "next-intl/server";
import { RelativeTime } from "@/components/relative-time";
import { StatusBadge } from "@/components/trials/badges";
import { Badge, Card } from "@/components/ui";
import type { TrialDetail } from "@/lib/trials/get-trial";

const MODE_TONES = { licensed: "blue", trial: "amber", unlicensed: "gray" } as const;

/** The trial's server as the portal and the UCServer see it: connection, users, terms, licenses. */
export async function ServerCard({
  trial,
  productName,
}: {
  trial: TrialDetail;
  productName: (key: string) => string;
}) {
  const t = await getTranslations("trials.detail");
  const format = await getFormatter();
  const s = trial.server;
  if (!s || s.deleted) {
    return (
      <Card className="p-5">
        <h2 className="text-base font-semibold text-slate-900">{t("server")}</h2>
        <div className="mt-2 text-sm text-slate-600" data-no-server>
          {s?.deleted ? (
            <p>{t("serverDeleted")}</p>
          ) : (
            <>
              <p className="font-medium text-slate-800">{t("noServerTitle")}</p>
              <p className="mt-1">{t("noServerBody")}</p>
            </>
          )}
        </div>
      </Card>
    );
  }
  const { entitlements, licenses, mode, version } = s.licenses;
  return (
    <Card className="p-5">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div>
          <h2 className="text-base font-semibold text-slate-900">{s.name}</h2>
          <p className="text-sm text-slate-500">
            {t("serverId")}{" "}
            <span className="font-mono text-slate-800" data-server-id>
              {s.serverId}
            </span>
          </p>
        </div>
        <StatusBadge status={s.status} />
      </div>
      <dl className="mt-4 grid gap-x-6 gap-y-3 text-sm sm:grid-cols-2">
        <Fact label={t("lastSeen")}>
          <span data-last-seen>
            {s.lastSeenAt ? <RelativeTime at={s.lastSeenAt.toISOString()} /> : t("never")}
          </span>
        </Fact>
        <Fact label={t("version")}>
          <span className="font-mono text-xs">{s.ucserverVersion ?? "–"}</span>
        </Fact>
        <Fact label={t("users")}>
          <span data-users>
            {s.users
              ? t("usersValue", {
                  mobile: s.users.mobile,
                  audioVideo: s.users.audioVideo,
                  total: s.users.total,
                })
              : "–"}
          </span>
        </Fact>
        <Fact label={t("terms")}>
          <span
            className={s.termsAccepted ? "text-emerald-700" : "text-amber-700"}
            data-terms={s.termsAccepted}
          >
            {s.termsAccepted ? t("termsAccepted") : t("termsMissing")}
          </span>
        </Fact>
        <Fact label={t("mode")}>
          <span data-mode={mode}>
            <Badge tone={MODE_TONES[mode]}>{t(`modes.${mode}`)}</Badge>
          </span>
        </Fact>
        <Fact label={t("entitlements")}>
          <span className="grid grid-cols-[auto_auto] justify-start gap-x-3 text-sm" data-entitlements>
            <span className="text-slate-600">{t("mobileUsers")}</span>
            <span className="tabular-nums">{entitlements.mobileUsers}</span>
            <span className="text-slate-600">{t("audioVideoUsers")}</span>
            <span className="tabular-nums">{entitlements.audioVideoUsers}</span>
            <span className="text-slate-600">
              {t("push")} · {t("turn")}
            </span>
            <span>
              {entitlements.push ? t("on") : t("off")} · {entitlements.turn ? t("on") : t("off")}
            </span>
          </span>
        </Fact>
      </dl>
      <div className="mt-5">
        <div className="mb-2 flex items-baseline justify-between gap-2">
          <h3 className="text-sm font-semibold text-slate-900">{t("licenses")}</h3>
          <span className="font-mono text-xs text-slate-400" data-licenses-version={version}>
            {t("licensesVersion", { version: version.slice(0, 12) })}
          </span>
        </div>
        {licenses.length === 0 ? (
          <p className="text-sm text-slate-500">{t("noLicenses")}</p>
        ) : (
          <ul className="divide-y divide-slate-100 rounded-lg ring-1 ring-slate-200" data-licenses>
            {licenses.map((l) => (
              <li
                key={l.id}
                className="flex items-center justify-between gap-3 px-3 py-2 text-xs"
                data-license={l.product}
                data-license-status={l.status}
                data-trial={l.trial}
              >
                <div className="min-w-0">
                  <p className="font-medium text-slate-900">
                    {productName(l.product)}
                    {l.trial && (
                      <span className="ml-1 font-normal text-amber-700">({t("trialLicense")})</span>
                    )}
                  </p>
                  <p className="text-slate-500">
                    {l.validUntil
                      ? t("validUntil", {
                          date: format.dateTime(new Date(l.validUntil), { dateStyle: "medium" }),
                        })
                      : t("unlimited")}
                  </p>
                </div>
                <div className="flex shrink-0 items-center gap-2">
                  <span className="tabular-nums text-slate-700">{l.quantity}</span>
                  <Badge tone={l.status === "active" ? "green" : "gray"}>
                    {t(`licenseStatus.${l.status}`)}
                  </Badge>
                </div>
              </li>
            ))}
          </ul>
        )}
      </div>
    </Card>
  );
}

export function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className="mt-0.5 text-slate-900">{children}</dd>
    </div>
  );
}
