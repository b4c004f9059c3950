import { Skeleton, SkeletonCards } from "@/components/page-skeleton";

/** Shown while the published versions load: the page's shape, so nothing jumps. */
export default function OperatorTermsLoading() {
  return (
    <Skeleton>
      <div className="grid gap-6 xl:grid-cols-[minmax(0,1fr)_20rem]">
        <div className="space-y-8">
          <SkeletonCards count={3} className="h-32" />
        </div>
        <SkeletonCards count={1} className="h-96" />
      </div>
    </Skeleton>
  );
}
