import type { IncomingMessage, ServerResponse } from "node:http";
import { type Db, db as defaultDb } from "@/db/client";
import { env } from "@/lib/env";
import { clientIpOf } from "@/lib/http/client-ip";
import type { FastRoute } from "@/lib/http/server";
import { handleUcserverRequest } from "./handle-request";
import { API_PREFIX, MAX_BODY_BYTES } from "./types";

/**
 * The body, or null once it is larger than `limit`: a declared Content-Length over the limit is
 * refused before reading, and a chunked body is abandoned the moment it passes the limit, so no
 * request can make us buffer more than 64 KiB.
 */
export function readBodyLimited(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer | null> {
  const declared = Number(req.headers["content-length"] ?? 0);
  if (declared > limit) return Promise.resolve(null);
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.off("data", onData);
        resolve(null);
        return;
      }
      chunks.push(chunk);
    };
    req.on("data", onData);
    req.on("end", () => resolve(size > limit ? null : Buffer.concat(chunks, size)));
    req.on("error", () => resolve(null));
    // A client that goes away mid-body must not leave this promise pending forever.
    req.on("close", () => resolve(null));
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
  const body = await readBodyLimited(req);
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
 * The whole UCServer protocol served straight from node:http, ahead of Next (lib/http/fast-routes.ts):
 * the heartbeat path is hot, and the framework's per-request cost would dominate it.
 */
export function ucserverFastRoute(opts: { db?: Db; trustProxy?: boolean } = {}): FastRoute {
  return (req, res) => {
    const url = req.url ?? "/";
    if (url !== API_PREFIX && !url.startsWith(`${API_PREFIX}/`) && !url.startsWith(`${API_PREFIX}?`))
      return false;
    const trustProxy = opts.trustProxy ?? env().TRUST_PROXY;
    serve(opts.db ?? defaultDb, trustProxy, req, res).catch((error: unknown) => {
      console.error("[ucserver] response failed:", error);
      if (!res.headersSent) res.writeHead(500, { "content-type": "application/problem+json" });
      res.end();
    });
    return true;
  };
}
