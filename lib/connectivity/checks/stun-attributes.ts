import { createHash } from "node:crypto";
import { ATTR, MAGIC_COOKIE, type StunAttribute, type StunMessage } from "./stun-message";

/** IANA protocol number for UDP, as REQUESTED-TRANSPORT carries it (RFC 5766 §14.7). */
const UDP = 17;

export const textAttribute = (type: number, text: string): StunAttribute => ({
  type,
  value: Buffer.from(text, "utf8"),
});

export function u32Attribute(type: number, n: number): StunAttribute {
  const value = Buffer.alloc(4);
  value.writeUInt32BE(n >>> 0);
  return { type, value };
}

export const requestedTransportUdp = (): StunAttribute => u32Attribute(ATTR.requestedTransport, UDP << 24);

export function attribute(msg: StunMessage, type: number): Buffer | undefined {
  return msg.attributes.find((a) => a.type === type)?.value;
}

export function text(msg: StunMessage, type: number): string | undefined {
  return attribute(msg, type)?.toString("utf8");
}

/** ERROR-CODE (RFC 5389 §15.6): class × 100 + number, and the server's reason phrase. */
export function errorCodeOf(msg: StunMessage): { code: number; phrase: string } | undefined {
  const value = attribute(msg, ATTR.errorCode);
  if (!value || value.length < 4) return undefined;
  return { code: (value[2]! & 0x7) * 100 + value[3]!, phrase: value.subarray(4).toString("utf8") };
}

export type TransportAddress = { family: "IPv4" | "IPv6"; address: string; port: number };

/** XOR-MAPPED-ADDRESS / XOR-RELAYED-ADDRESS: port xor the cookie's top half, address xor cookie(+id). */
export function xorAddress(msg: StunMessage, type: number): TransportAddress | undefined {
  const value = attribute(msg, type);
  if (!value || value.length < 8) return undefined;
  const port = value.readUInt16BE(2) ^ (MAGIC_COOKIE >>> 16);
  const mask = Buffer.alloc(16);
  mask.writeUInt32BE(MAGIC_COOKIE, 0);
  msg.transactionId.copy(mask, 4);
  if (value[1] === 0x01) {
    const bytes = [0, 1, 2, 3].map((i) => value[4 + i]! ^ mask[i]!);
    return { family: "IPv4", address: bytes.join("."), port };
  }
  if (value[1] === 0x02 && value.length >= 20) {
    const groups: string[] = [];
    for (let i = 0; i < 16; i += 2) {
      groups.push((((value[4 + i]! ^ mask[i]!) << 8) | (value[5 + i]! ^ mask[i + 1]!)).toString(16));
    }
    return { family: "IPv6", address: groups.join(":"), port };
  }
  return undefined;
}

/** The long-term credential key (RFC 5389 §15.4): MD5(username ":" realm ":" password). */
export function longTermKey(username: string, realm: string, password: string): Buffer {
  return createHash("md5").update(`${username}:${realm}:${password}`).digest();
}
