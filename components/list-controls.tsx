import Link from "next/link";
import { buttonClass } from "./ui";

type Query = Record<string, string | number | undefined>;

/** The select style of a list's filter bar. */
export const filterSelectClass =
  "rounded-md border-0 bg-white py-2 pr-8 pl-3 text-sm shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-600";

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
