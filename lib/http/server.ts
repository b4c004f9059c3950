import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import next from "next";
import { closeDb } from "@/db/client";
import { env } from "@/lib/env";
import { startHistoryPruner } from "@/lib/heartbeats/history-pruner";
import { startStatusSweeper } from "@/lib/heartbeats/status-sweeper";
import { startMailWorker } from "@/lib/mail/mail-worker";
import { CLIENT_IP_HEADER, clientIpOf, PATH_HEADER } from "./client-ip";

/** A route served straight from node:http, before Next: returns true when it answered. */
export type FastRoute = (req: IncomingMessage, res: ServerResponse) => boolean;

/**
 * One process serves the whole portal: Next.js for pages, actions and most route handlers, and
 * a few hot protocol paths answered directly by node:http (`fastRoutes`), which call the same use
 * cases in lib/ without the framework's per-request cost.
 */
export async function startServer(opts: { dev: boolean; fastRoutes?: FastRoute[] }) {
  const e = env();
  const app = next({ dev: opts.dev, dir: process.cwd(), hostname: e.HOST, port: e.PORT });
  const handle = app.getRequestHandler();
  await app.prepare();
  const fast = opts.fastRoutes ?? [];

  const server = createServer((req, res) => {
    // Replaced on every request, so a client cannot choose its own address or path.
    req.headers[CLIENT_IP_HEADER] = clientIpOf(req, e.TRUST_PROXY);
    req.headers[PATH_HEADER] = (req.url ?? "/").slice(0, 2000);
    for (const route of fast) if (route(req, res)) return;
    handle(req, res).catch((error: unknown) => {
      console.error("[http] unhandled:", error);
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  server.keepAliveTimeout = 65_000;
  const stopMail = startMailWorker();
  const stopSweeper = startStatusSweeper();
  const stopPruner = startHistoryPruner();
  (await import("@/lib/notifications/notification-worker")).startNotificationWorker(); // timer is unref'd; process.exit ends it

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(e.PORT, e.HOST, resolve);
  });

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    console.log(`[portal] ${signal}: closing`);
    stopMail();
    stopPruner();
    await stopSweeper();
    server.closeIdleConnections();
    await new Promise((r) => server.close(r));
    await closeDb();
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  return server;
}
