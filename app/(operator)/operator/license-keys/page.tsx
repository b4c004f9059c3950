// Operators issue keys too; the page is the sales one, behind the operator layout's check.
export { default, generateMetadata } from "@/app/(sales)/sales/license-keys/page";
