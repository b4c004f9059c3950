import type { ReactNode } from "react";

/** A page's title and lead while its data loads. */
export function SkeletonHeader({ lead = true }: { lead?: boolean }) {
  return (
    <div className="space-y-2">
      <div className="h-7 w-56 rounded bg-slate-200" />
      {lead && <div className="h-4 w-full max-w-2xl rounded bg-slate-200" />}
    </div>
  );
}

/** A loading page: its header, then the shape of its content, pulsing, so nothing jumps. */
export function Skeleton({
  children,
  header = <SkeletonHeader />,
}: {
  children: ReactNode;
  header?: ReactNode;
}) {
  return (
    <div className="animate-pulse space-y-6" aria-busy="true">
      {header}
      {children}
    </div>
  );
}

/** Empty cards of one height, `count` of them. */
export function SkeletonCards({ count, className }: { count: number; className: string }) {
  return Array.from({ length: count }, (_, i) => (
    // biome-ignore lint/suspicious/noArrayIndexKey: fixed placeholders that never reorder
    <div key={i} className={`rounded-xl border border-slate-200 bg-white ${className}`} />
  ));
}

/** The shape of a page with a main column and a side card, shown while its data loads. */
export function PageSkeleton() {
  return (
    <Skeleton header={<SkeletonHeader lead={false} />}>
      <div className="grid gap-6 xl:grid-cols-[minmax(0,1fr)_20rem]">
        <div className="space-y-4">
          <div className="h-40 rounded-xl bg-slate-100" />
          <div className="h-64 rounded-xl bg-slate-100" />
        </div>
        <div className="h-56 rounded-xl bg-slate-100" />
      </div>
    </Skeleton>
  );
}
