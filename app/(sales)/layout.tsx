import type { ReactNode } from "react";
import { AppShell } from "@/components/app-shell";
import { requireStaff } from "@/lib/auth/actor";
import { requireActor } from "@/lib/web/context";
import { orNotFound } from "@/lib/web/page";

export const dynamic = "force-dynamic";

export default async function SalesLayout({ children }: { children: ReactNode }) {
  const actor = await requireActor();
  await orNotFound(() => requireStaff(actor, "sales"));
  return <AppShell actor={actor}>{children}</AppShell>;
}
