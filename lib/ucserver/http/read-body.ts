import type { Readable } from "node:stream";
import { MAX_BODY_BYTES } from "./types";

/** A protocol body arrives within this long, or the request is answered 408 and the connection closed. */
export const BODY_TIMEOUT_MS = 10_000;

export class BodyTimeoutError extends Error {}

/**
 * The body, or null once it is larger than `limit`: a declared Content-Length over the limit is
 * refused before reading, and a chunked body is abandoned the moment it passes the limit, so no
 * request can make us buffer more than 64 KiB. A body still incomplete after `timeoutMs` (trickled
 * a byte at a time, say) rejects with BodyTimeoutError, so no client can hold a connection with it.
 * The one reader of both adapters: node:http's request, and Next's (its web stream as a Readable).
 */
export function readBodyLimited(
  body: Readable,
  declaredLength: number,
  limit = MAX_BODY_BYTES,
  timeoutMs = BODY_TIMEOUT_MS,
): Promise<Buffer | null> {
  if (declaredLength > limit) return Promise.resolve(null);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const timer = setTimeout(() => {
      body.off("data", onData);
      reject(new BodyTimeoutError("body not received in time"));
    }, timeoutMs);
    const done = (value: Buffer | null) => {
      clearTimeout(timer);
      resolve(value);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        body.off("data", onData);
        done(null);
        return;
      }
      chunks.push(chunk);
    };
    body.on("data", onData);
    body.on("end", () => done(size > limit ? null : Buffer.concat(chunks, size)));
    body.on("error", () => done(null));
    // A client that goes away mid-body must not leave this promise pending forever.
    body.on("close", () => done(null));
  });
}
