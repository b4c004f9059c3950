import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";

const HSTS = "max-age=63072000; includeSubDomains";

/**
 * Headers every answer carries, the protocol's included (it is served before Next and so bypasses
 * next.config's headers): no MIME sniffing, and HSTS when the request reached a trusted proxy over
 * HTTPS (the portal itself speaks plain HTTP behind it; without a trusted proxy it cannot know).
 */
export function setBaseSecurityHeaders(req: IncomingMessage, res: ServerResponse, trustProxy: boolean): void {
  res.setHeader("X-Content-Type-Options", "nosniff");
  if (trustProxy && forwardedProto(req) === "https") res.setHeader("Strict-Transport-Security", HSTS);
}

function forwardedProto(req: IncomingMessage): string | undefined {
  const raw = req.headers["x-forwarded-proto"];
  // The proxy nearest to us appends last; a client may have sent its own value first.
  return (Array.isArray(raw) ? raw.join(",") : (raw ?? "")).split(",").pop()?.trim().toLowerCase();
}

/**
 * A Content-Security-Policy with a fresh nonce for a page request. Next reads the nonce from the
 * request's own CSP header and puts it on every script it renders; 'strict-dynamic' then lets those
 * scripts load the chunks they need, and nothing else runs: no inline script without the nonce, no
 * `unsafe-inline` for scripts. Styles keep 'unsafe-inline' (React's style attributes need it, and a
 * style cannot run code). Development adds what Next's dev server needs (eval, its websocket).
 */
export function contentSecurityPolicy(dev: boolean): string {
  const nonce = randomBytes(16).toString("base64");
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${dev ? " ws: wss:" : ""}`,
    "frame-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** Sets the page's CSP on the answer and, replacing anything the client sent, on the request for Next. */
export function setContentSecurityPolicy(req: IncomingMessage, res: ServerResponse, dev: boolean): void {
  const policy = contentSecurityPolicy(dev);
  req.headers["content-security-policy"] = policy;
  delete req.headers["content-security-policy-report-only"];
  res.setHeader("Content-Security-Policy", policy);
}
