/** Shown while the published versions load: the page's shape, so nothing jumps. */
export default function OperatorTermsLoading() {
  return (
    <div className="animate-pulse space-y-6" aria-busy="true">
      <div className="space-y-2">
        <div className="h-7 w-56 rounded bg-slate-200" />
        <div className="h-4 w-full max-w-2xl rounded bg-slate-200" />
      </div>
      <div className="grid gap-6 xl:grid-cols-[minmax(0,1fr)_20rem]">
        <div className="space-y-8">
          {[0, 1, 2].map((i) => (
            <div key={i} className="h-32 rounded-xl border border-slate-200 bg-white" />
          ))}
        </div>
        <div className="h-96 rounded-xl border border-slate-200 bg-white" />
      </div>
    </div>
  );
}
