import { Skeleton, SkeletonCards } from "@/components/page-skeleton";

/** The overview's shape while its figures load: the status tiles, attention, license use, changes. */
export default function Loading() {
  return (
    <Skeleton>
      <div className="space-y-3">
        <div className="h-4 w-32 rounded bg-slate-200" />
        <div className="grid grid-cols-2 gap-4 lg:grid-cols-4">
          <SkeletonCards count={4} className="h-24" />
        </div>
      </div>
      <div className="grid gap-8 xl:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <div className="space-y-3">
          <div className="h-4 w-40 rounded bg-slate-200" />
          <SkeletonCards count={1} className="h-80" />
        </div>
        <div className="space-y-8">
          <div className="space-y-3">
            <div className="h-4 w-32 rounded bg-slate-200" />
            <SkeletonCards count={1} className="h-40" />
          </div>
          <div className="space-y-3">
            <div className="h-4 w-48 rounded bg-slate-200" />
            <SkeletonCards count={1} className="h-56" />
          </div>
        </div>
      </div>
    </Skeleton>
  );
}
