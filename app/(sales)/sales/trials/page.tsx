import { EmptySection, sectionTitle } from "@/components/empty-section";

export const generateMetadata = () => sectionTitle("trials");

export default function TrialsPage() {
  return <EmptySection ns="trials" icon="rocket" needsOrg={false} />;
}
