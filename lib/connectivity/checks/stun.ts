import { STUN_TURN_PORT } from "../types";
import { resolveTarget } from "./resolve";
import { defineCheck, green, red, skipped } from "./result";
import { xorAddress } from "./stun-attributes";
import { ATTR, CLASS, encodeStun, METHOD, newTransactionId } from "./stun-message";
import { closeUdp, openUdp, transact } from "./stun-transport";

/**
 * A STUN Binding request over UDP to the customer's STUN/TURN server: it must answer with the
 * address it sees us at (XOR-MAPPED-ADDRESS), which is what the apps need to find theirs.
 */
export const stunCheck = defineCheck("stun", 2, async (inputs, { config }) => {
  const host = inputs.turnHost;
  if (!host) return skipped("missing-input", { field: "turnHost" });
  const port = inputs.turnPort ?? STUN_TURN_PORT;
  const resolved = await resolveTarget(host, config);
  if (!resolved.ok) return resolved.outcome;
  const target = { address: resolved.address, port };
  const base = { host, address: resolved.address, port, protocol: "UDP" };
  const transactionId = newTransactionId();
  const request = encodeStun(
    { method: METHOD.binding, cls: CLASS.request, transactionId, attributes: [] },
    { fingerprint: true },
  );
  const socket = await openUdp(target);
  try {
    const reply = await transact(socket, target, request, transactionId, config.timeoutMs);
    if (!reply) return red("timeout", base);
    const mapped =
      reply.message.cls === CLASS.success ? xorAddress(reply.message, ATTR.xorMappedAddress) : undefined;
    if (!mapped) return red("no-stun", base);
    return green({ ...base, mappedAddress: mapped.address, mappedPort: mapped.port });
  } finally {
    closeUdp(socket);
  }
});
