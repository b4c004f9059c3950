import { EmptySection, sectionTitle } from "@/components/empty-section";

export const generateMetadata = () => sectionTitle("invitations");

export default function InvitationsPage() {
  return <EmptySection ns="invitations" icon="mail" />;
}
