import type { IncomingMessage, ServerResponse } from "node:http";
import type { Db } from "@/db/client";
import { env } from "@/lib/env";
import { errorFields, log } from "@/lib/log";
import type { FastRoute } from "@/lib/server/http-server";
import { clientIpOf } from "@/lib/web/client-ip";
import { handleUcserverRequest } from "./handle-request";
import { BodyTimeoutError, readBodyLimited } from "./read-body";
import { requestTimeout } from "./respond";
import { API_PREFIX } from "./types";

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
    body = await readBodyLimited(req, Number(req.headers["content-length"] ?? 0));
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
