import { Skeleton, SkeletonCards } from "@/components/page-skeleton";

/** Shown while the terms and the consent ledger load: the page's shape, so nothing jumps. */
export default function TermsLoading() {
  return (
    <Skeleton>
      <div className="h-12 rounded-md bg-slate-100" />
      <div className="grid gap-4 lg:grid-cols-3">
        <SkeletonCards count={3} className="h-56" />
      </div>
      <SkeletonCards count={1} className="h-64" />
    </Skeleton>
  );
}
