import { EmptySection, sectionTitle } from "@/components/empty-section";

export const generateMetadata = () => sectionTitle("servers");

export default function ServersPage() {
  return <EmptySection ns="servers" icon="server" />;
}
