import { Skeleton, SkeletonCards } from "@/components/page-skeleton";

/** The assistant's three sections while they load (the layout above already shows the server). */
export default function Loading() {
  return (
    <Skeleton header={null}>
      <SkeletonCards count={3} className="h-56" />
    </Skeleton>
  );
}
