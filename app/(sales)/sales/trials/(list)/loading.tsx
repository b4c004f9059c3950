/** The pipeline's shape while it loads: header, view tabs, filters and table rows. */
export default function Loading() {
  return (
    <div className="animate-pulse space-y-4" aria-busy="true">
      <div className="flex items-end justify-between">
        <div className="space-y-2">
          <div className="h-8 w-48 rounded bg-slate-200" />
          <div className="h-4 w-96 max-w-full rounded bg-slate-100" />
        </div>
        <div className="h-9 w-36 rounded-md bg-slate-200" />
      </div>
      <div className="flex gap-3 border-b border-slate-200 pb-2">
        {[20, 36, 28, 24, 24, 14].map((w) => (
          <div key={w} className="h-5 rounded bg-slate-100" style={{ width: `${w * 0.25}rem` }} />
        ))}
      </div>
      <div className="h-14 rounded-xl bg-slate-100" />
      <div className="space-y-px overflow-hidden rounded-xl border border-slate-200">
        {[1, 2, 3, 4, 5, 6].map((i) => (
          <div key={i} className="h-14 bg-slate-50" />
        ))}
      </div>
    </div>
  );
}
