import { EmptySection, sectionTitle } from "@/components/empty-section";

export const generateMetadata = () => sectionTitle("terms");

export default function TermsPage() {
  return <EmptySection ns="terms" icon="doc" />;
}
