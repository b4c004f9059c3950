import { redirect } from "next/navigation";
import { homePath } from "@/lib/auth/home-path";
import { getActor } from "@/lib/web/context";

export const dynamic = "force-dynamic";

export default async function Home() {
  const actor = await getActor();
  redirect(actor ? homePath(actor) : "/sign-in");
}
