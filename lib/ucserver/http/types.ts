/** A protocol request, independent of node:http and Next: what every adapter hands the handler. */
export type ProtocolRequest = {
  method: string;
  /** The path without query string, e.g. /api/v1/ucserver/heartbeats. */
  path: string;
  /** Lower-case header names. */
  headers: Record<string, string | undefined>;
  /** The raw body, already capped at MAX_BODY_BYTES by the adapter; null when it was too large. */
  body: Buffer | null;
  ip: string;
};

export type ProtocolResponse = { status: number; headers: Record<string, string>; body: string | null };

export const API_PREFIX = "/api/v1/ucserver";
export const MAX_BODY_BYTES = 64 * 1024;
