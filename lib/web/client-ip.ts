import type { IncomingMessage } from "node:http";

/**
 * Set by our HTTP server on every request from the socket (or, behind a trusted proxy, the last
 * X-Forwarded-For hop), replacing whatever the client sent under that name.
 */
export const CLIENT_IP_HEADER = "x-portal-client-ip";

export function clientIpOf(req: IncomingMessage, trustProxy: boolean): string {
  if (trustProxy) {
    const fwd = req.headers["x-forwarded-for"];
    const last = (Array.isArray(fwd) ? fwd.join(",") : (fwd ?? "")).split(",").pop()?.trim();
    if (last) return last;
  }
  const ip = req.socket.remoteAddress ?? "unknown";
  return ip.startsWith("::ffff:") ? ip.slice(7) : ip;
}

/** Set by our HTTP server: the request's path, so a page can send people back to it after sign-in. */
export const PATH_HEADER = "x-portal-path";
