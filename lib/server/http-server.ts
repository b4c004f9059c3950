import { createServer, type IncomingMessage, type ServerOptions, type ServerResponse } from "node:http";
import next from "next";
import { env } from "@/lib/env";
import { errorFields, log } from "@/lib/log";
import {
  CLIENT_IP_HEADER,
  clientIpOf,
  PATH_HEADER,
  REQUEST_ID_HEADER,
  requestIdOf,
} from "@/lib/web/client-ip";
import { startBackgroundWork } from "./background";
import { fastRoutes } from "./fast-routes";
import { closePortal, portal } from "./portal";
import { setBaseSecurityHeaders, setContentSecurityPolicy } from "./security-headers";

/** A route served straight from node:http, before Next: returns true when it answered. */
export type FastRoute = (req: IncomingMessage, res: ServerResponse) => boolean;

/**
 * How long a client may take to send a request: its headers within 10 s, all of it within 25 s
 * (checked every second), so a body trickled a byte at a time cannot hold a connection for long.
 * The protocol's own body reader has a tighter limit still (see lib/ucserver/http/read-body.ts).
 */
export const HTTP_SERVER_OPTIONS: ServerOptions = {
  headersTimeout: 10_000,
  requestTimeout: 25_000,
  connectionsCheckingInterval: 1_000,
};
// Longer than a load balancer's idle timeout (60 s for most), so the balancer closes first.
const KEEP_ALIVE_MS = 65_000;
/** After SIGTERM, connections still busy after this long are cut. */
const SHUTDOWN_GRACE_MS = 10_000;

/**
 * One process serves the whole portal: Next.js for pages, actions and most route handlers, and
 * a few hot protocol paths answered directly by node:http (`fastRoutes`), which call the same use
 * cases in lib/ without the framework's per-request cost. The process's portal (lib/server/portal.ts)
 * is built once and handed to both; its background work starts and stops with the server.
 */
export async function startServer(opts: { dev: boolean }) {
  const e = env();
  const app = next({ dev: opts.dev, dir: process.cwd(), hostname: e.HOST, port: e.PORT });
  const handle = app.getRequestHandler();
  await app.prepare();
  const p = portal();
  const fast = fastRoutes(p.db, e.TRUST_PROXY);

  const server = createServer(HTTP_SERVER_OPTIONS, (req, res) => {
    // Replaced on every request, so a client cannot choose its own address or path.
    req.headers[CLIENT_IP_HEADER] = clientIpOf(req, e.TRUST_PROXY);
    req.headers[PATH_HEADER] = (req.url ?? "/").slice(0, 2000);
    const requestId = requestIdOf(req, e.TRUST_PROXY);
    req.headers[REQUEST_ID_HEADER] = requestId;
    res.setHeader("X-Request-Id", requestId);
    setBaseSecurityHeaders(req, res, e.TRUST_PROXY);
    for (const route of fast) if (route(req, res)) return;
    setContentSecurityPolicy(req, res, opts.dev);
    handle(req, res).catch((error: unknown) => {
      log("http", { requestId, path: req.url?.split("?")[0]?.slice(0, 200) }).error(
        errorFields(error),
        "unhandled",
      );
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  server.keepAliveTimeout = KEEP_ALIVE_MS;
  const stopBackground = await startBackgroundWork(p);

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(e.PORT, e.HOST, resolve);
  });

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    log("portal").info({ signal }, "closing");
    const closed = new Promise((r) => server.close(r));
    // Open live-status streams end now (the browser reconnects to another process); otherwise they
    // would hold server.close() until their clients leave, and a rolling restart until SIGKILL.
    p.statusFeed.close();
    await stopBackground();
    server.closeIdleConnections();
    setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS).unref();
    await closed;
    await closePortal();
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  return server;
}
