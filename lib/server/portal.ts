import type { Transporter } from "nodemailer";
import { createDb, type Db, type DbHandle } from "@/db/client";
import { env } from "@/lib/env";
import { createDbListener, type DbListener } from "@/lib/live/db-listener";
import { createServerStatusFeed, type ServerStatusFeed } from "@/lib/live/server-status-feed";
import { createMailTransport } from "@/lib/mail/transport";

/** What a portal process is built of; use cases get the parts they need as parameters. */
export type Portal = {
  database: DbHandle;
  db: Db;
  /** The SMTP transport, or null without SMTP_URL: then mail waits in the outbox. */
  mailTransport: Transporter | null;
  /** The process's one LISTEN connection (status changes, new jobs). */
  listener: DbListener;
  statusFeed: ServerStatusFeed;
};

/** Builds a portal's parts from the environment; nothing is opened until it is used. */
export function buildPortal(): Portal {
  const e = env();
  const database = e.DATABASE_URL
    ? createDb({ url: e.DATABASE_URL, poolSize: e.DB_POOL_SIZE })
    : createDb({ dataDir: e.DATA_DIR });
  const listener = createDbListener(database);
  return {
    database,
    db: database.db,
    mailTransport: e.SMTP_URL ? createMailTransport(e.SMTP_URL) : null,
    listener,
    statusFeed: createServerStatusFeed(listener),
  };
}

// The composition root. Next's bundle and our server are two module graphs in one process, so the
// one portal they share is kept on globalThis; building it twice would open the database twice
// (fatal for the embedded one). Nothing else in the code base keeps state there.
const KEY = Symbol.for("ucconnect.portal");
type Global = typeof globalThis & { [KEY]?: Portal };

/** The process's portal, built on first use. */
export function portal(): Portal {
  const g = globalThis as Global;
  g[KEY] ??= buildPortal();
  return g[KEY];
}

/** Closes what the process's portal opened (shutdown, scripts). */
export async function closePortal(): Promise<void> {
  const g = globalThis as Global;
  const p = g[KEY];
  g[KEY] = undefined;
  if (!p) return;
  p.statusFeed.close();
  await p.listener.close();
  p.mailTransport?.close();
  await p.database.close();
}

/**
 * The process's database, for pages, actions and route handlers: opened on first use, so that
 * importing a module (say, while `next build` collects pages) touches no database.
 */
export const db: Db = new Proxy({} as Db, {
  get(_target, prop) {
    const real = portal().db;
    const value = Reflect.get(real, prop, real);
    return typeof value === "function" ? value.bind(real) : value;
  },
});
