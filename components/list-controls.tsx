import Link from "next/link";
import type { ReactNode } from "react";
import { buttonClass, Card } from "./ui";

type Query = Record<string, string | number | undefined>;

const filterSelectClass =
  "rounded-md border-0 bg-white py-2 pr-8 pl-3 text-sm shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-600";

/**
 * A list's filter bar: a GET form with a search field, the list's selects (children), apply, and
 * a reset link while a filter is set. `hidden` carries query values the bar does not show.
 */
export function FilterBar(p: {
  action: string;
  hidden?: Query;
  search: { label: string; placeholder: string; value?: string };
  applyLabel: string;
  reset?: { href: string; label: string } | false;
  children: ReactNode;
}) {
  return (
    <Card className="mb-4 p-3">
      <form method="get" action={p.action} className="flex flex-wrap items-end gap-2">
        {Object.entries(p.hidden ?? {}).map(
          ([name, value]) =>
            value !== undefined &&
            value !== "" && <input key={name} type="hidden" name={name} value={value} />,
        )}
        <label className="min-w-56 flex-1">
          <span className="sr-only">{p.search.label}</span>
          <input
            name="q"
            type="search"
            defaultValue={p.search.value}
            placeholder={p.search.placeholder}
            className="block w-full rounded-md border-0 px-3 py-2 text-sm shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-600"
          />
        </label>
        {p.children}
        <button type="submit" className={buttonClass("primary")}>
          {p.applyLabel}
        </button>
        {p.reset && (
          <Link href={p.reset.href} className={buttonClass("ghost")}>
            {p.reset.label}
          </Link>
        )}
      </form>
    </Card>
  );
}

/** One select of a filter bar; an option with value "" stands for "no filter". */
export function FilterSelect(p: {
  name: string;
  value?: string;
  label: string;
  options: readonly { value: string; label: string }[];
}) {
  return (
    <select name={p.name} defaultValue={p.value ?? ""} aria-label={p.label} className={filterSelectClass}>
      {p.options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  );
}

/**
 * A link to `path` with the list's current query changed by `change`. Empty values and values equal
 * to their default are left out, so the plain path stands for the default view.
 */
export function listHref(path: string, current: Query, change: Query, defaults: Query): string {
  const next = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...current, ...change })) {
    if (v !== undefined && v !== "" && defaults[k] !== v) next.set(k, String(v));
  }
  const qs = next.toString();
  return qs ? `${path}?${qs}` : path;
}

/** "Page 2 of 5" with previous and next links, shown only when there is more than one page. */
export function Pager(p: {
  page: number;
  pageCount: number;
  href: (page: number) => string;
  labels: { pageOf: string; previous: string; next: string };
}) {
  if (p.pageCount <= 1) return null;
  return (
    <nav className="mt-4 flex items-center justify-between text-sm" aria-label="pagination">
      <span className="text-slate-500">{p.labels.pageOf}</span>
      <div className="flex gap-2">
        {p.page > 1 && (
          <Link href={p.href(p.page - 1)} className={buttonClass("secondary")}>
            {p.labels.previous}
          </Link>
        )}
        {p.page < p.pageCount && (
          <Link href={p.href(p.page + 1)} className={buttonClass("secondary")}>
            {p.labels.next}
          </Link>
        )}
      </div>
    </nav>
  );
}
