import type dgram from "node:dgram";
import { signTurnCredentials } from "@/lib/turn/turn-credentials";
import { STUN_TURN_PORT } from "../types";
import { resolveTarget } from "./resolve";
import { defineCheck, green, red, skipped } from "./result";
import {
  errorCodeOf,
  longTermKey,
  requestedTransportUdp,
  text,
  textAttribute,
  u32Attribute,
  xorAddress,
} from "./stun-attributes";
import {
  ATTR,
  CLASS,
  encodeStun,
  METHOD,
  newTransactionId,
  type StunAttribute,
  verifyIntegrity,
} from "./stun-message";
import { closeUdp, openUdp, type Reply, transact, type UdpTarget } from "./stun-transport";

/** The allocation is freed right after; its credentials only need to outlive the check. */
const CREDENTIAL_TTL_SECONDS = 300;

type Auth = { username: string; realm: string; nonce: string; key: Buffer };

function send(
  socket: dgram.Socket,
  target: UdpTarget,
  method: number,
  attrs: StunAttribute[],
  auth: Auth | null,
  timeoutMs: number,
): Promise<Reply | null> {
  const transactionId = newTransactionId();
  const attributes = auth
    ? [
        ...attrs,
        textAttribute(ATTR.username, auth.username),
        textAttribute(ATTR.realm, auth.realm),
        textAttribute(ATTR.nonce, auth.nonce),
      ]
    : attrs;
  const request = encodeStun(
    { method, cls: CLASS.request, transactionId, attributes },
    { integrityKey: auth?.key, fingerprint: true },
  );
  return transact(socket, target, request, transactionId, timeoutMs);
}

/**
 * A TURN allocation with REST credentials made from the secret the customer entered for this run
 * only (`<expiry>:portal-check`, HMAC-SHA1): the 401 challenge gives realm and nonce, the signed
 * retry must succeed with a relayed address; a Refresh with LIFETIME 0 then frees the allocation.
 * The secret never leaves this function: not in `seen`, not in a log.
 */
export const turnCheck = defineCheck("turn", 5, async (inputs, { config, turnSecret }) => {
  if (!turnSecret) return skipped("needs-secret", {});
  const host = inputs.turnHost;
  if (!host) return skipped("missing-input", { field: "turnHost" });
  const port = inputs.turnPort ?? STUN_TURN_PORT;
  const resolved = await resolveTarget(host, config);
  if (!resolved.ok) return resolved.outcome;
  const target = { address: resolved.address, port };
  const base = { host, address: resolved.address, port, protocol: "UDP" };
  const { username, credential } = signTurnCredentials({
    secret: turnSecret,
    serverId: "portal-check",
    host,
    port,
    ttlSeconds: CREDENTIAL_TTL_SECONDS,
  });
  // Freeing the allocation is a courtesy: it must not hold the result back for long.
  const refreshMs = Math.min(config.timeoutMs, 1000);
  const socket = await openUdp(target);
  try {
    const challenge = await send(
      socket,
      target,
      METHOD.allocate,
      [requestedTransportUdp()],
      null,
      config.timeoutMs,
    );
    if (!challenge) return red("timeout", base);
    if (challenge.message.cls === CLASS.success) {
      // An open relay: anyone on the Internet may use it. Free what we got and say so.
      await send(socket, target, METHOD.refresh, [u32Attribute(ATTR.lifetime, 0)], null, refreshMs);
      return red("turn-no-auth", base);
    }
    const realm = text(challenge.message, ATTR.realm);
    const nonce = text(challenge.message, ATTR.nonce);
    if (errorCodeOf(challenge.message)?.code !== 401 || !realm || !nonce) {
      return red("turn-error", { ...base, code: errorCodeOf(challenge.message)?.code ?? "no-challenge" });
    }
    const auth = { username, realm, nonce, key: longTermKey(username, realm, credential) };
    const allocated = await send(
      socket,
      target,
      METHOD.allocate,
      [requestedTransportUdp()],
      auth,
      config.timeoutMs,
    );
    if (!allocated) return red("timeout", base);
    const error = errorCodeOf(allocated.message);
    if (error?.code === 401) return red("turn-unauthorized", { ...base, realm, code: 401 });
    const relayed = xorAddress(allocated.message, ATTR.xorRelayedAddress);
    if (allocated.message.cls !== CLASS.success || !relayed) {
      return red("turn-error", { ...base, realm, code: error?.code ?? "no-relayed-address" });
    }
    // A success that does not carry our key's integrity did not come from the server we asked.
    if (!verifyIntegrity(allocated.raw, auth.key))
      return red("turn-error", { ...base, realm, code: "bad-integrity" });
    // Best effort: an allocation left behind expires by itself after its lifetime.
    await send(socket, target, METHOD.refresh, [u32Attribute(ATTR.lifetime, 0)], auth, refreshMs);
    return green({ ...base, realm, relayedAddress: relayed.address, relayedPort: relayed.port });
  } finally {
    closeUdp(socket);
  }
});
