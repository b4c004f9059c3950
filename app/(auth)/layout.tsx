import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { LocaleSwitcher } from "@/components/locale-switcher";
import { Logo } from "@/components/logo";
import { Icon, type IconName } from "@/components/ui";

export default async function AuthLayout({ children }: { children: ReactNode }) {
  const t = await getTranslations();
  const features: [IconName, string][] = [
    ["server", t("auth.features.servers")],
    ["key", t("auth.features.licenses")],
    ["mail", t("auth.features.apps")],
  ];
  return (
    <div className="grid min-h-screen lg:grid-cols-[minmax(0,5fr)_minmax(0,6fr)]">
      <aside className="relative hidden overflow-hidden bg-gradient-to-br from-slate-900 via-brand-900 to-brand-700 p-12 text-white lg:flex lg:flex-col lg:justify-between">
        <div className="flex items-center gap-3 text-lg font-semibold">
          <Logo />
          {t("app.name")}
        </div>
        <div>
          <p className="max-w-md text-3xl font-semibold leading-tight tracking-tight">{t("app.tagline")}</p>
          <ul className="mt-8 space-y-4 text-sm text-brand-100">
            {features.map(([icon, label]) => (
              <li key={icon} className="flex items-center gap-3">
                <span className="flex size-9 items-center justify-center rounded-lg bg-white/10 text-white">
                  <Icon name={icon} />
                </span>
                {label}
              </li>
            ))}
          </ul>
        </div>
        <p className="text-xs text-brand-100/70">ProCall Enterprise · UCServer · UCConnect</p>
        <div
          aria-hidden="true"
          className="pointer-events-none absolute -right-32 -bottom-32 size-96 rounded-full bg-brand-500/20 blur-3xl"
        />
      </aside>
      <main className="flex flex-col">
        <div className="flex items-center justify-between px-6 py-4 lg:justify-end">
          <div className="flex items-center gap-2 font-semibold text-slate-900 lg:hidden">
            <Logo className="text-brand-600" />
            {t("app.name")}
          </div>
          <LocaleSwitcher />
        </div>
        <div className="flex flex-1 items-center justify-center px-6 pb-16">
          <div className="w-full max-w-sm">{children}</div>
        </div>
      </main>
    </div>
  );
}
