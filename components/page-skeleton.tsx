/** The shape of a page with a main column and a side card, shown while its data loads. */
export function PageSkeleton() {
  return (
    <div className="animate-pulse space-y-6" aria-busy="true">
      <div className="h-8 w-48 rounded bg-slate-200" />
      <div className="grid gap-6 xl:grid-cols-[minmax(0,1fr)_20rem]">
        <div className="space-y-4">
          <div className="h-40 rounded-xl bg-slate-100" />
          <div className="h-64 rounded-xl bg-slate-100" />
        </div>
        <div className="h-56 rounded-xl bg-slate-100" />
      </div>
    </div>
  );
}
