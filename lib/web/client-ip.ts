import { randomUUID } from "node:crypto";
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

/**
 * Every request's id, in its log lines and in the answer's X-Request-Id: the one a trusted proxy
 * sent (so a request can be followed through the load balancer), else a new one.
 */
export const REQUEST_ID_HEADER = "x-request-id";

export function requestIdOf(req: IncomingMessage, trustProxy: boolean): string {
  const sent = req.headers[REQUEST_ID_HEADER];
  if (trustProxy && typeof sent === "string" && /^[\w.:-]{1,100}$/.test(sent)) return sent;
  return randomUUID();
}
