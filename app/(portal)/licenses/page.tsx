import { EmptySection, sectionTitle } from "@/components/empty-section";

export const generateMetadata = () => sectionTitle("licenses");

export default function LicensesPage() {
  return <EmptySection ns="licenses" icon="key" />;
}
