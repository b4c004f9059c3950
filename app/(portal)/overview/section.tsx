import type { ReactNode } from "react";

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
