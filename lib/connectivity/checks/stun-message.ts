/**
 * A small STUN (RFC 5389) codec with the TURN (RFC 5766) bits the checks need. Written here on
 * purpose: the only npm STUN client (`stun`) is unmaintained and pulls in the `ip` package, whose
 * isPublic()/isPrivate() misclassify addresses (SSRF advisory CVE-2024-29415) — the one thing this
 * checker must not get wrong.
 */
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

export const MAGIC_COOKIE = 0x2112a442;
const FINGERPRINT_XOR = 0x5354554e;
const HEADER = 20;

export const METHOD = { binding: 0x001, allocate: 0x003, refresh: 0x004 } as const;
export const CLASS = { request: 0, indication: 1, success: 2, error: 3 } as const;
export const ATTR = {
  mappedAddress: 0x0001,
  username: 0x0006,
  messageIntegrity: 0x0008,
  errorCode: 0x0009,
  lifetime: 0x000d,
  realm: 0x0014,
  nonce: 0x0015,
  xorRelayedAddress: 0x0016,
  requestedTransport: 0x0019,
  xorMappedAddress: 0x0020,
  software: 0x8022,
  fingerprint: 0x8028,
} as const;

export type StunAttribute = { type: number; value: Buffer };
export type StunMessage = { method: number; cls: number; transactionId: Buffer; attributes: StunAttribute[] };

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

/** CRC-32 (ISO 3309), as FINGERPRINT uses it. */
export function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export const newTransactionId = (): Buffer => randomBytes(12);

/** The method and class bits interleave in the 14-bit message type (RFC 5389 §6). */
function messageType(method: number, cls: number): number {
  return (
    (method & 0xf) | ((method & 0x70) << 1) | ((method & 0xf80) << 2) | ((cls & 1) << 4) | ((cls & 2) << 7)
  );
}

function encodeAttribute({ type, value }: StunAttribute): Buffer {
  const head = Buffer.alloc(4);
  head.writeUInt16BE(type, 0);
  head.writeUInt16BE(value.length, 2);
  return Buffer.concat([head, value, Buffer.alloc((4 - (value.length % 4)) % 4)]);
}

function header(msg: StunMessage, length: number): Buffer {
  const h = Buffer.alloc(HEADER);
  h.writeUInt16BE(messageType(msg.method, msg.cls), 0);
  h.writeUInt16BE(length, 2);
  h.writeUInt32BE(MAGIC_COOKIE, 4);
  msg.transactionId.copy(h, 8);
  return h;
}

/**
 * Encodes a message; with `integrityKey` it appends MESSAGE-INTEGRITY (HMAC-SHA1 over everything
 * before it, length counted up to it), then FINGERPRINT when asked (CRC-32 over everything before it).
 */
export function encodeStun(
  msg: StunMessage,
  opts: { integrityKey?: Buffer; fingerprint?: boolean } = {},
): Buffer {
  let body = Buffer.concat(msg.attributes.map(encodeAttribute));
  if (opts.integrityKey) {
    const hmac = createHmac("sha1", opts.integrityKey)
      .update(Buffer.concat([header(msg, body.length + 24), body]))
      .digest();
    body = Buffer.concat([body, encodeAttribute({ type: ATTR.messageIntegrity, value: hmac })]);
  }
  if (opts.fingerprint) {
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE((crc32(Buffer.concat([header(msg, body.length + 8), body])) ^ FINGERPRINT_XOR) >>> 0);
    body = Buffer.concat([body, encodeAttribute({ type: ATTR.fingerprint, value: crc })]);
  }
  return Buffer.concat([header(msg, body.length), body]);
}

/** Decodes a STUN message, or null for anything else (bad cookie, length, or FINGERPRINT). */
export function decodeStun(buf: Buffer): StunMessage | null {
  if (buf.length < HEADER || (buf[0]! & 0xc0) !== 0 || buf.readUInt32BE(4) !== MAGIC_COOKIE) return null;
  const length = buf.readUInt16BE(2);
  if (length % 4 !== 0 || HEADER + length !== buf.length) return null;
  const type = buf.readUInt16BE(0);
  const attributes: StunAttribute[] = [];
  for (let at = HEADER; at < buf.length; ) {
    if (at + 4 > buf.length) return null;
    const attrType = buf.readUInt16BE(at);
    const attrLength = buf.readUInt16BE(at + 2);
    if (at + 4 + attrLength > buf.length) return null;
    if (attrType === ATTR.fingerprint) {
      const expected = (crc32(buf.subarray(0, at)) ^ FINGERPRINT_XOR) >>> 0;
      if (attrLength !== 4 || buf.readUInt32BE(at + 4) !== expected) return null;
    }
    attributes.push({ type: attrType, value: buf.subarray(at + 4, at + 4 + attrLength) });
    at += 4 + attrLength + ((4 - (attrLength % 4)) % 4);
  }
  return {
    method: (type & 0xf) | ((type >> 1) & 0x70) | ((type >> 2) & 0xf80),
    cls: ((type >> 4) & 1) | ((type >> 7) & 2),
    transactionId: Buffer.from(buf.subarray(8, HEADER)),
    attributes,
  };
}

/** Whether a received message's MESSAGE-INTEGRITY matches `key` (false when it has none). */
export function verifyIntegrity(buf: Buffer, key: Buffer): boolean {
  for (let at = HEADER; at + 4 <= buf.length; ) {
    const type = buf.readUInt16BE(at);
    const length = buf.readUInt16BE(at + 2);
    if (type === ATTR.messageIntegrity) {
      const head = Buffer.from(buf.subarray(0, HEADER));
      head.writeUInt16BE(at - HEADER + 24, 2);
      const hmac = createHmac("sha1", key).update(head).update(buf.subarray(HEADER, at)).digest();
      const got = buf.subarray(at + 4, at + 4 + length);
      return got.length === hmac.length && timingSafeEqual(got, hmac);
    }
    at += 4 + length + ((4 - (length % 4)) % 4);
  }
  return false;
}
