import { redirect } from "next/navigation";
import { getActor } from "@/lib/http/context";
import { homePath } from "@/lib/auth/home-path";

export const dynamic = "force-dynamic";

export default async function Home() {
  const actor = await getActor();
  redirect(actor ? homePath(actor) : "/sign-in");
}
