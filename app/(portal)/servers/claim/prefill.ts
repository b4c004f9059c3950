import { formatServerCode, normalizeServerCode } from "@/lib/servers/server-id";

/**
 * The Server-ID the claim form starts with, from `?serverId=` (the claim mail and trial reminders
 * link here): a Server-ID in its canonical form, or nothing. Anything else in the link is dropped,
 * so only the portal's own characters ever reach the field.
 */
export function claimPrefill(value: string | string[] | undefined): string | undefined {
  const raw = Array.isArray(value) ? value[0] : value;
  if (typeof raw !== "string" || raw.length > 64) return undefined;
  const code = normalizeServerCode(raw);
  return code ? formatServerCode(code) : undefined;
}
