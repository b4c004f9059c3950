import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { db } from "@/lib/server/portal";
import { CLIENT_IP_HEADER } from "@/lib/web/client-ip";
import { handleUcserverRequest } from "./handle-request";
import { BodyTimeoutError, readBodyLimited } from "./read-body";
import { requestTimeout } from "./respond";

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
  let body: Buffer | null = Buffer.alloc(0);
  if (request.body) {
    try {
      body = await readBodyLimited(
        Readable.fromWeb(request.body as NodeReadableStream),
        Number(request.headers.get("content-length") ?? 0),
      );
    } catch (error) {
      if (!(error instanceof BodyTimeoutError)) throw error;
      const answer = requestTimeout();
      return new Response(answer.body, { status: answer.status, headers: answer.headers });
    }
  }
  const answer = await handleUcserverRequest(db, {
    method: request.method,
    path: url.pathname,
    headers,
    body,
    // Set by lib/server/http-server.ts from the socket, replacing anything a client sent under that name.
    ip: request.headers.get(CLIENT_IP_HEADER) ?? "unknown",
  });
  return new Response(answer.body, { status: answer.status, headers: answer.headers });
}
