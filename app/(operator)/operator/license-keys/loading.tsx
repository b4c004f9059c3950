// The sales page's skeleton, for the same page under the operator section.
export { default } from "@/app/(sales)/sales/license-keys/loading";
