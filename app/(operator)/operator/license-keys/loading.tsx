// Same shape as the sales page of license keys.
export { PageSkeleton as default } from "@/components/page-skeleton";
