import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { switchOrganisationAction } from "@/app/_actions/preferences";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/permissions";
import { LocaleSwitcher } from "./locale-switcher";
import { Logo } from "./logo";
import { NavLink } from "./nav-link";
import { SignOutButton } from "./sign-out-button";
import { Icon, type IconName } from "./ui";

type Item = { href: string; label: string; icon: IconName };

/** What each person may open, by their role in the current organisation and their staff roles. */
async function navigation(actor: Actor) {
  const t = await getTranslations("nav");
  const tKeys = await getTranslations("licenseKeys");
  const tSystem = await getTranslations("system");
  const sections: { title: string; items: Item[] }[] = [];
  if (actor.org) {
    const items: Item[] = [
      { href: "/overview", label: t("overview"), icon: "home" },
      { href: "/servers", label: t("servers"), icon: "server" },
      { href: "/licenses", label: t("licenses"), icon: "key" },
      { href: "/invitations", label: t("invitations"), icon: "mail" },
      { href: "/terms", label: t("terms"), icon: "doc" },
    ];
    if (can(actor, "members.view")) items.push({ href: "/members", label: t("members"), icon: "users" });
    if (can(actor, "audit.view")) items.push({ href: "/audit", label: t("audit"), icon: "list" });
    sections.push({ title: actor.org.name, items });
  }
  if (can(actor, "area.sales")) {
    sections.push({
      title: t("sales"),
      items: [
        { href: "/sales/trials", label: t("trials"), icon: "rocket" },
        { href: "/sales/license-keys", label: tKeys("nav"), icon: "key" },
      ],
    });
  }
  if (can(actor, "area.operations")) {
    sections.push({
      title: t("operator"),
      items: [
        { href: "/operator/terms", label: t("operatorTerms"), icon: "doc" },
        { href: "/operator/products", label: t("products"), icon: "cube" },
        // Sales staff already reach the keys under their own section.
        ...(can(actor, "area.sales")
          ? []
          : [{ href: "/operator/license-keys", label: tKeys("nav"), icon: "key" } as const]),
        { href: "/operator/app-links", label: t("appLinks"), icon: "rocket" },
        { href: "/operator/outbox", label: t("outbox"), icon: "mail" },
        { href: "/operator/system", label: tSystem("nav"), icon: "check" },
      ],
    });
  }
  return sections;
}

export async function AppShell({ actor, children }: { actor: Actor; children: ReactNode }) {
  const t = await getTranslations();
  const sections = await navigation(actor);
  const sidebar = (
    <div className="flex h-full flex-col gap-6 px-3 py-5">
      <div className="flex items-center gap-2.5 px-3 text-base font-semibold text-white">
        <Logo />
        {t("app.name")}
      </div>
      {actor.organisations.length > 1 && (
        <form action={switchOrganisationAction} className="px-3">
          <label
            className="block text-[11px] font-semibold uppercase tracking-wider text-slate-400"
            htmlFor="org-switch"
          >
            {t("nav.switchOrg")}
          </label>
          <div className="mt-1 flex gap-1">
            <select
              id="org-switch"
              name="organisationId"
              defaultValue={actor.org?.id}
              className="min-w-0 flex-1 rounded-md border-0 bg-white/10 px-2 py-1.5 text-sm text-white ring-1 ring-white/10"
            >
              {actor.organisations.map((o) => (
                <option key={o.id} value={o.id} className="text-slate-900">
                  {o.name}
                </option>
              ))}
            </select>
            <button
              type="submit"
              className="rounded-md bg-white/10 px-2 text-xs font-semibold text-white hover:bg-white/20"
            >
              OK
            </button>
          </div>
        </form>
      )}
      <nav className="flex-1 space-y-6 overflow-y-auto" aria-label={t("nav.menu")}>
        {sections.map((s) => (
          <div key={s.title}>
            <p className="px-3 pb-1 text-[11px] font-semibold uppercase tracking-wider text-slate-400">
              {s.title}
            </p>
            <ul className="space-y-0.5">
              {s.items.map((i) => (
                <li key={i.href}>
                  <NavLink href={i.href}>
                    <Icon name={i.icon} className="size-4.5" />
                    {i.label}
                  </NavLink>
                </li>
              ))}
            </ul>
          </div>
        ))}
      </nav>
      <div className="space-y-3 border-t border-white/10 px-3 pt-4">
        <div className="flex items-center gap-3">
          <span className="flex size-8 shrink-0 items-center justify-center rounded-full bg-brand-600 text-xs font-semibold text-white">
            {initials(actor.name)}
          </span>
          <div className="min-w-0 text-sm">
            <p className="truncate font-medium text-white">{actor.name}</p>
            <p className="truncate text-xs text-slate-400">
              {actor.org
                ? t(`roles.${actor.org.role}`)
                : actor.staffRoles.map((r) => t(`roles.${r}`)).join(", ")}
            </p>
          </div>
        </div>
        <div className="flex items-center justify-between">
          <LocaleSwitcher tone="dark" />
          <div className="flex items-center gap-1">
            <a
              href="/settings"
              className="rounded p-1.5 text-slate-400 hover:bg-white/10 hover:text-white"
              title={t("nav.settings")}
            >
              <Icon name="user" className="size-4" />
              <span className="sr-only">{t("nav.settings")}</span>
            </a>
            <SignOutButton className="flex items-center gap-1.5 rounded px-2 py-1.5 text-xs font-semibold text-slate-300 hover:bg-white/10 hover:text-white">
              <Icon name="out" className="size-4" />
              {t("nav.signOut")}
            </SignOutButton>
          </div>
        </div>
      </div>
    </div>
  );
  return (
    <div className="min-h-screen lg:flex">
      {/* Sticky inside a full-height column: the menu stays in view and the dark column runs the page's length. */}
      <aside className="hidden w-64 shrink-0 bg-slate-900 lg:block">
        <div className="sticky top-0 h-screen">{sidebar}</div>
      </aside>
      <details className="group bg-slate-900 lg:hidden">
        <summary className="flex cursor-pointer list-none items-center justify-between px-4 py-3 text-sm font-semibold text-white">
          <span className="flex items-center gap-2">
            <Logo />
            {t("app.name")}
          </span>
          <span className="rounded border border-white/20 px-2 py-1 text-xs">{t("nav.menu")}</span>
        </summary>
        {sidebar}
      </details>
      <main className="mx-auto w-full max-w-6xl min-w-0 px-4 py-8 sm:px-8">{children}</main>
    </div>
  );
}

function initials(name: string): string {
  const parts = name.trim().split(/\s+/);
  return ((parts[0]?.[0] ?? "") + (parts.length > 1 ? (parts.at(-1)?.[0] ?? "") : "")).toUpperCase() || "?";
}
