import { Spinner } from "@/components/form";

export default function Loading() {
  return (
    <div className="flex items-center gap-2 py-16 text-sm text-slate-500" aria-busy="true">
      <Spinner />
      <span className="sr-only">…</span>
      <div className="h-4 w-40 animate-pulse rounded bg-slate-200" />
    </div>
  );
}
