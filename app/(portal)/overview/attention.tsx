import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { RelativeTime } from "@/components/relative-time";
import { Card } from "@/components/ui";
import type { Attention, UserFigure } from "@/lib/dashboard/get-fleet-dashboard";
import { LiveStatusBadge } from "../servers/live";
import { SectionEmpty, SectionTitle } from "./section";

/** One kind of attention: a heading, its items, and how many more there are beyond them. */
function Group({
  kind,
  heading,
  note,
  more,
  children,
}: {
  kind: string;
  heading: string;
  note?: string;
  more?: { count: number; href: string; label: string };
  children: ReactNode;
}) {
  return (
    <li className="py-4 first:pt-0 last:pb-0" data-attention={kind}>
      <h3 className="text-sm font-semibold text-slate-900">{heading}</h3>
      {note && <p className="mt-0.5 text-xs text-slate-500">{note}</p>}
      <ul className="mt-2 space-y-1">{children}</ul>
      {more && more.count > 0 && (
        <Link
          href={more.href}
          className="mt-1 inline-block text-xs font-medium text-brand-700 hover:underline"
        >
          {more.label}
        </Link>
      )}
    </li>
  );
}

/** An item: a link to where the problem is fixed, with what it is about. */
function Item({ href, children, data }: { href: string; children: ReactNode; data?: string }) {
  return (
    <li data-item={data}>
      <Link
        href={href}
        className="-mx-2 flex flex-wrap items-center gap-x-3 gap-y-1 rounded-md px-2 py-1.5 text-sm text-slate-700 hover:bg-slate-50"
      >
        {children}
      </Link>
    </li>
  );
}

function ServerName({ name, serverId }: { name: string; serverId: string }) {
  return (
    <span className="min-w-0">
      <span className="font-medium text-slate-900">{name}</span>{" "}
      <span className="whitespace-nowrap font-mono text-xs text-slate-500">{serverId}</span>
    </span>
  );
}

/** A user figure over what the licenses grant; figures within them are left out. */
function Over({ label, figure }: { label: string; figure: UserFigure }) {
  if (figure.used <= figure.owned) return null;
  return <span className="text-xs font-medium text-red-700">{label}</span>;
}

/** What needs doing across the fleet, each item linking to where it is done. */
export async function AttentionPanel({ attention }: { attention: Attention }) {
  const t = await getTranslations("dashboard.attention");
  const format = await getFormatter();
  const date = (d: Date) => format.dateTime(d, { dateStyle: "medium" });
  const more = (total: number, shown: number, href: string) => ({
    count: total - shown,
    href,
    label: t("more", { count: total - shown }),
  });
  const { offline, terms, overLicense, trialEndsAt, expiringLicenses, outdated } = attention;
  const expiringTotal = expiringLicenses.total + (trialEndsAt ? 1 : 0);
  return (
    <section aria-labelledby="attention-title" data-attention-total={attention.total}>
      <SectionTitle id="attention-title">{t("title")}</SectionTitle>
      <Card className="p-5">
        {attention.total === 0 ? (
          <SectionEmpty
            icon="check"
            tone="emerald"
            title={t("noneTitle")}
            body={t("noneBody")}
            data-attention="none"
          />
        ) : (
          <ul className="divide-y divide-slate-100">
            {offline.total > 0 && (
              <Group
                kind="offline"
                heading={t("offline.heading", { count: offline.total })}
                more={more(offline.total, offline.items.length, "/servers?status=offline")}
              >
                {offline.items.map((s) => (
                  <Item key={s.id} href={`/servers/${s.id}`} data={s.id}>
                    <ServerName name={s.name} serverId={s.serverId} />
                    <LiveStatusBadge serverId={s.id} status={s.status} changedAt={s.since.toISOString()} />
                    <span className="text-xs text-slate-500">
                      <RelativeTime at={s.since.toISOString()} />
                    </span>
                  </Item>
                ))}
              </Group>
            )}
            {terms && (
              <Group kind="terms" heading={t("terms.heading")}>
                <Item href="/terms">
                  <span>
                    {t("terms.body", {
                      servers: terms.servers,
                      documents: terms.documents.map((d) => d.title).join(", "),
                    })}
                  </span>
                </Item>
              </Group>
            )}
            {overLicense.total > 0 && (
              <Group
                kind="over-license"
                heading={t("overLicense.heading", { count: overLicense.total })}
                more={more(overLicense.total, overLicense.items.length, "/licenses")}
              >
                {overLicense.items.map((s) => (
                  <Item key={s.id} href="/licenses" data={s.id}>
                    <ServerName name={s.name} serverId={s.serverId} />
                    <Over label={t("overLicense.mobile", s.mobile)} figure={s.mobile} />
                    <Over label={t("overLicense.audioVideo", s.audioVideo)} figure={s.audioVideo} />
                  </Item>
                ))}
              </Group>
            )}
            {expiringTotal > 0 && (
              <Group
                kind="expiring"
                heading={t("expiring.heading")}
                more={more(expiringLicenses.total, expiringLicenses.items.length, "/licenses")}
              >
                {trialEndsAt && (
                  <Item href="/licenses" data="trial">
                    <span className="font-medium text-amber-800">
                      {t("expiring.trial", { date: date(trialEndsAt) })}
                    </span>
                  </Item>
                )}
                {expiringLicenses.items.map((l) => (
                  <Item key={l.id} href="/licenses" data={l.id}>
                    <span>
                      {t("expiring.license", {
                        product: l.productName,
                        quantity: l.quantity,
                        date: date(l.validUntil),
                      })}
                    </span>
                    <span className="text-xs text-slate-500">
                      {l.server
                        ? t("expiring.onServer", { server: l.server.name })
                        : t("expiring.unassigned")}
                    </span>
                  </Item>
                ))}
              </Group>
            )}
            {outdated && (
              <Group
                kind="outdated"
                heading={t("outdated.heading", { count: outdated.servers.total })}
                note={t("outdated.newest", { version: outdated.newest })}
                more={more(outdated.servers.total, outdated.servers.items.length, "/servers")}
              >
                {outdated.servers.items.map((s) => (
                  <Item key={s.id} href={`/servers/${s.id}`} data={s.id}>
                    <ServerName name={s.name} serverId={s.serverId} />
                    <span className="font-mono text-xs text-slate-500">
                      {t("outdated.version", { version: s.version })}
                    </span>
                  </Item>
                ))}
              </Group>
            )}
          </ul>
        )}
      </Card>
    </section>
  );
}
