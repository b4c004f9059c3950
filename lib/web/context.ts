import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { decode } from "next-auth/jwt";
import { cache } from "react";
import type { Actor } from "@/lib/auth/actor";
import { loadActor } from "@/lib/auth/load-actor";
import { env } from "@/lib/env";
import { db } from "@/lib/server/portal";
import { CLIENT_IP_HEADER, PATH_HEADER } from "./client-ip";

export const ORG_COOKIE = "portal-org";

const SESSION_COOKIES = ["__Secure-next-auth.session-token", "next-auth.session-token"];

export async function requestIp(): Promise<string | null> {
  return (await headers()).get(CLIENT_IP_HEADER);
}

/** The signed-in caller of this request, or null. Read once per request. */
export const getActor = cache(async (): Promise<Actor | null> => {
  const jar = await cookies();
  const raw = SESSION_COOKIES.map((n) => jar.get(n)?.value).find(Boolean);
  if (!raw) return null;
  const jwt = await decode({ token: raw, secret: env().AUTH_SECRET }).catch(() => null);
  const sessionToken = jwt?.st;
  if (typeof sessionToken !== "string") return null;
  return loadActor(db, {
    sessionToken,
    preferredOrgId: jar.get(ORG_COOKIE)?.value ?? null,
    ip: await requestIp(),
  });
});

/** The caller, or a redirect to sign-in that brings them back here afterwards. */
export async function requireActor(): Promise<Actor> {
  const actor = await getActor();
  if (actor) return actor;
  const path = (await headers()).get(PATH_HEADER) ?? "/";
  redirect(`/sign-in?callbackUrl=${encodeURIComponent(path)}`);
}
