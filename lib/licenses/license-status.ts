/** A license as the portal shows it; "expiring" warns ahead of the end, "pending" before the start. */
export type PortalLicenseStatus = "active" | "expiring" | "expired" | "revoked" | "pending";

export const EXPIRING_DAYS = 14;
const DAY_MS = 24 * 60 * 60 * 1000;

export function licenseStatus(
  l: { validFrom: Date; validUntil: Date | null; revokedAt: Date | null },
  nowMs: number,
): PortalLicenseStatus {
  if (l.revokedAt) return "revoked";
  if (l.validUntil && l.validUntil.getTime() <= nowMs) return "expired";
  if (l.validFrom.getTime() > nowMs) return "pending";
  if (l.validUntil && l.validUntil.getTime() - nowMs <= EXPIRING_DAYS * DAY_MS) return "expiring";
  return "active";
}

/** How full an entitlement is: a warning from 80 %, an alert once all of it is in use. */
export type UsageLevel = "ok" | "warning" | "alert";

export function usageLevel(used: number | null, owned: number): UsageLevel {
  if (used === null || used <= 0) return "ok";
  if (owned <= 0 || used >= owned) return "alert";
  return used / owned >= 0.8 ? "warning" : "ok";
}
