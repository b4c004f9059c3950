import dgram from "node:dgram";
import { decodeStun, type StunMessage } from "./stun-message";

export type UdpTarget = { address: string; port: number };

/** A UDP socket for one check: TURN needs every request of an allocation to come from one port. */
export function openUdp(target: UdpTarget): Promise<dgram.Socket> {
  const socket = dgram.createSocket(target.address.includes(":") ? "udp6" : "udp4");
  return new Promise((resolve, reject) => {
    socket.once("error", reject);
    socket.bind(0, () => {
      socket.off("error", reject);
      // ICMP errors surface as socket errors; a lost answer is handled by the transaction's timeout.
      socket.on("error", () => undefined);
      resolve(socket);
    });
  });
}

export type Reply = { message: StunMessage; raw: Buffer };

/**
 * Sends a request and waits for the answer with its transaction id from the target, retransmitting
 * as RFC 5389 §7.2.1 asks (here three sends, the interval doubling, all within `timeoutMs`).
 * Resolves null when nothing came: on the Internet a closed UDP port is usually silent.
 */
export function transact(
  socket: dgram.Socket,
  target: UdpTarget,
  request: Buffer,
  transactionId: Buffer,
  timeoutMs: number,
): Promise<Reply | null> {
  return new Promise((resolve) => {
    const rto = Math.min(500, timeoutMs / 4);
    const timers = [0, rto, 3 * rto].map((at) =>
      setTimeout(() => socket.send(request, target.port, target.address, () => undefined), at),
    );
    const finish = (reply: Reply | null) => {
      for (const t of timers) clearTimeout(t);
      clearTimeout(deadline);
      socket.off("message", onMessage);
      resolve(reply);
    };
    const onMessage = (raw: Buffer, from: dgram.RemoteInfo) => {
      if (from.port !== target.port || from.address !== target.address) return;
      const message = decodeStun(raw);
      if (message?.transactionId.equals(transactionId)) finish({ message, raw });
    };
    socket.on("message", onMessage);
    const deadline = setTimeout(() => finish(null), timeoutMs);
  });
}

export function closeUdp(socket: dgram.Socket): void {
  try {
    socket.close();
  } catch {
    // already closed
  }
}
