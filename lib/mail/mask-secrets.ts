/**
 * The one-time links of the portal's mails (sign-in, password reset, invitations) carry their secret
 * as `token=` in the query string, in the text part as it is and in the HTML part also as `&amp;token=`.
 * Masked, a link still shows where it leads and that it was there, but it no longer works.
 */
const TOKEN = /([?&](?:amp;)?token=)[^&#\s"'<>]+/g;

export const MASK = "••••••";

export function maskSecretLinks(body: string): string {
  return body.replace(TOKEN, `$1${MASK}`);
}
