import type { ReactNode } from "react";
import { AppShell } from "@/components/app-shell";
import { requirePermission } from "@/lib/permissions";
import { requireActor } from "@/lib/web/context";
import { orNotFound } from "@/lib/web/page";

export const dynamic = "force-dynamic";

export default async function OperatorLayout({ children }: { children: ReactNode }) {
  const actor = await requireActor();
  await orNotFound(() => requirePermission(actor, "area.operations"));
  return <AppShell actor={actor}>{children}</AppShell>;
}
