import type { ReactNode } from "react";
import { loadTrial } from "./load";

export default async function TrialLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ id: string }>;
}) {
  await loadTrial((await params).id);
  return children;
}
