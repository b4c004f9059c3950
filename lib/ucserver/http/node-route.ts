import type { IncomingMessage, ServerResponse } from "node:http";
import type { Db } from "@/db/client";
import { env } from "@/lib/env";
import { errorFields, log } from "@/lib/log";
import type { FastRoute } from "@/lib/server/http-server";
import { clientIpOf } from "@/lib/web/client-ip";
import { handleUcserverRequest } from "./handle-request";
import { requestTimeout } from "./respond";
import { API_PREFIX, MAX_BODY_BYTES } from "./types";

/** A protocol body arrives within this long, or the request is answered 408 and the connection closed. */
export const BODY_TIMEOUT_MS = 10_000;

export class BodyTimeoutError extends Error {}

/**
 * The body, or null once it is larger than `limit`: a declared Content-Length over the limit is
 * refused before reading, and a chunked body is abandoned the moment it passes the limit, so no
 * request can make us buffer more than 64 KiB. A body still incomplete after `timeoutMs` (trickled
 * a byte at a time, say) rejects with BodyTimeoutError, so no client can hold a connection with it.
 */
export function readBodyLimited(
  req: IncomingMessage,
  limit = MAX_BODY_BYTES,
  timeoutMs = BODY_TIMEOUT_MS,
): Promise<Buffer | null> {
  const declared = Number(req.headers["content-length"] ?? 0);
  if (declared > limit) return Promise.resolve(null);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const timer = setTimeout(() => {
      req.off("data", onData);
      reject(new BodyTimeoutError("body not received in time"));
    }, timeoutMs);
    const done = (value: Buffer | null) => {
      clearTimeout(timer);
      resolve(value);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.off("data", onData);
        done(null);
        return;
      }
      chunks.push(chunk);
    };
    req.on("data", onData);
    req.on("end", () => done(size > limit ? null : Buffer.concat(chunks, size)));
    req.on("error", () => done(null));
    // A client that goes away mid-body must not leave this promise pending forever.
    req.on("close", () => done(null));
  });
}

function headersOf(req: IncomingMessage): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(req.headers)) out[k] = Array.isArray(v) ? v.join(", ") : v;
  return out;
}

async function serve(db: Db, trustProxy: boolean, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = req.url ?? "/";
  const q = url.indexOf("?");
  let body: Buffer | null;
  try {
    body = await readBodyLimited(req);
  } catch (error) {
    if (!(error instanceof BodyTimeoutError)) throw error;
    const answer = requestTimeout();
    res.writeHead(answer.status, answer.headers);
    res.end(answer.body, () => req.socket.destroy());
    return;
  }
  const answer = await handleUcserverRequest(db, {
    method: req.method ?? "GET",
    path: q === -1 ? url : url.slice(0, q),
    headers: headersOf(req),
    body,
    ip: clientIpOf(req, trustProxy),
  });
  res.writeHead(answer.status, answer.headers);
  res.end(answer.body ?? undefined);
}

/**
 * The whole UCServer protocol served straight from node:http, ahead of Next (lib/server/fast-routes.ts):
 * the heartbeat path is hot, and the framework's per-request cost would dominate it.
 */
export function ucserverFastRoute(opts: { db: Db; trustProxy?: boolean }): FastRoute {
  return (req, res) => {
    const url = req.url ?? "/";
    if (url !== API_PREFIX && !url.startsWith(`${API_PREFIX}/`) && !url.startsWith(`${API_PREFIX}?`))
      return false;
    const trustProxy = opts.trustProxy ?? env().TRUST_PROXY;
    serve(opts.db, trustProxy, req, res).catch((error: unknown) => {
      log("ucserver").error(errorFields(error), "response failed");
      if (!res.headersSent) res.writeHead(500, { "content-type": "application/problem+json" });
      res.end();
    });
    return true;
  };
}
