import type { ReactNode } from "react";
import { AppShell } from "@/components/app-shell";
import { requireActor } from "@/lib/web/context";

export const dynamic = "force-dynamic";

export default async function PortalLayout({ children }: { children: ReactNode }) {
  const actor = await requireActor();
  return <AppShell actor={actor}>{children}</AppShell>;
}
