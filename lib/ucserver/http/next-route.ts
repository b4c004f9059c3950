import { db } from "@/lib/server/portal";
import { CLIENT_IP_HEADER } from "@/lib/web/client-ip";
import { handleUcserverRequest } from "./handle-request";
import { MAX_BODY_BYTES } from "./types";

/** The body as bytes, or null past `limit`; the stream is cancelled then rather than read to the end. */
async function readLimited(request: Request, limit = MAX_BODY_BYTES): Promise<Buffer | null> {
  if (Number(request.headers.get("content-length") ?? 0) > limit) return null;
  if (!request.body) return Buffer.alloc(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, size);
}

/**
 * The protocol behind Next's route handlers (app/api/v1/ucserver/[[...path]]). Our own server answers
 * these paths before Next (fast route); this keeps them working wherever Next serves them itself.
 */
export async function nextUcserverHandler(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const headers: Record<string, string | undefined> = {};
  request.headers.forEach((v, k) => {
    headers[k] = v;
  });
  const answer = await handleUcserverRequest(db, {
    method: request.method,
    path: url.pathname,
    headers,
    body: await readLimited(request),
    // Set by lib/server/http-server.ts from the socket, replacing anything a client sent under that name.
    ip: request.headers.get(CLIENT_IP_HEADER) ?? "unknown",
  });
  return new Response(answer.body, { status: answer.status, headers: answer.headers });
}
