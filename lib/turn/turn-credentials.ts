import { createHmac } from "node:crypto";

/** coturn accepts REST API credentials for at most this long here, whatever is configured. */
export const MAX_TURN_TTL_SECONDS = 86_400;

export type TurnCredentials = { username: string; credential: string; ttl: number; uris: string[] };

/**
 * TURN REST API credentials ("Shared Secret", coturn's use-auth-secret): the username is
 * "<unix expiry>:<Server-ID>", the credential base64(HMAC-SHA1(secret, username)). coturn refuses
 * them once the expiry has passed, so nothing needs revoking.
 */
export function signTurnCredentials(opts: {
  secret: string;
  serverId: string;
  host: string;
  port: number;
  ttlSeconds: number;
  now?: number;
}): TurnCredentials {
  const ttl = Math.max(1, Math.min(opts.ttlSeconds, MAX_TURN_TTL_SECONDS));
  const expiry = Math.floor((opts.now ?? Date.now()) / 1000) + ttl;
  const username = `${expiry}:${opts.serverId}`;
  const credential = createHmac("sha1", opts.secret).update(username).digest("base64");
  const hostPort = `${opts.host.includes(":") ? `[${opts.host}]` : opts.host}:${opts.port}`;
  return {
    username,
    credential,
    ttl,
    uris: [`stun:${hostPort}`, `turn:${hostPort}?transport=udp`, `turn:${hostPort}?transport=tcp`],
  };
}
