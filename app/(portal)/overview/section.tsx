import type { ReactNode } from "react";
import { Icon, type IconName } from "@/components/ui";

/** A dashboard section's heading, with an optional note or link on the right. */
export function SectionTitle({
  id,
  children,
  aside,
}: {
  id?: string;
  children: ReactNode;
  aside?: ReactNode;
}) {
  return (
    <div className="mb-3 flex flex-wrap items-baseline justify-between gap-2">
      <h2 id={id} className="text-sm font-semibold uppercase tracking-wide text-slate-500">
        {children}
      </h2>
      {aside}
    </div>
  );
}

/** A section with nothing to show: an icon, what that means, and why. */
export function SectionEmpty({
  icon,
  tone = "brand",
  title,
  body,
  ...data
}: {
  icon: IconName;
  tone?: "brand" | "emerald";
  title: string;
  body: string;
} & Record<`data-${string}`, string>) {
  const tones = { brand: "bg-brand-50 text-brand-600", emerald: "bg-emerald-50 text-emerald-600" };
  return (
    <div className="flex items-start gap-3" {...data}>
      <span className={`flex size-9 shrink-0 items-center justify-center rounded-lg ${tones[tone]}`}>
        <Icon name={icon} />
      </span>
      <div>
        <p className="text-sm font-semibold text-slate-900">{title}</p>
        <p className="mt-0.5 text-sm text-slate-600">{body}</p>
      </div>
    </div>
  );
}
