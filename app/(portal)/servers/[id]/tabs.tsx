import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { cx } from "@/components/ui";

/** The server page's sections: its overview and the connectivity assistant. */
export async function ServerTabs({
  server,
  current,
}: {
  server: string;
  current: "overview" | "connectivity";
}) {
  const t = await getTranslations("connectivity.tab");
  const tabs = [
    { id: "overview", href: `/servers/${server}` },
    { id: "connectivity", href: `/servers/${server}/connectivity` },
  ] as const;
  return (
    <nav aria-label={t("label")} className="mb-6 flex gap-1 border-b border-slate-200">
      {tabs.map((tab) => (
        <Link
          key={tab.id}
          href={tab.href}
          aria-current={tab.id === current ? "page" : undefined}
          // A prefetch renders the connectivity layout, which looks the server up; once the server is
          // deleted (this page's own delete form) that lookup is a 404 the browser would report as an
          // error. The pages stream behind their loading state, so a click is quick without it.
          prefetch={false}
          className={cx(
            "-mb-px border-b-2 px-3 py-2 text-sm font-medium",
            tab.id === current
              ? "border-brand-600 text-brand-700"
              : "border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900",
          )}
        >
          {t(tab.id)}
        </Link>
      ))}
    </nav>
  );
}
