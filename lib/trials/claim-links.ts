import { formatServerCode } from "@/lib/servers/server-id";
import { safeCallbackUrl } from "@/lib/web/safe-redirect";

export type ClaimLinks = {
  /** The Server-ID as people read it (XXXX-XXXX-XXXX). */
  serverId: string;
  /** Create an account, then land on the claim form with the Server-ID filled in. */
  signUpUrl: string;
  /** The claim form with the Server-ID filled in, for people who have an account. */
  claimUrl: string;
};

/**
 * The links that lead the contact of a self-started trial to its server: the claim form with the
 * Server-ID (never the password), and sign-up with that form as its `next` on-site path.
 */
export function claimLinks(appUrl: string, serverCode: string): ClaimLinks {
  const base = appUrl.replace(/\/$/, "");
  const serverId = formatServerCode(serverCode);
  const claimPath = `/servers/claim?serverId=${encodeURIComponent(serverId)}`;
  // The path is ours, but sign-up honours only what the redirect rules let through: make sure it is.
  if (safeCallbackUrl(claimPath) !== claimPath) throw new Error(`Not an on-site path: ${claimPath}`);
  return {
    serverId,
    signUpUrl: `${base}/sign-up?next=${encodeURIComponent(claimPath)}`,
    claimUrl: `${base}${claimPath}`,
  };
}
