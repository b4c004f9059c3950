import pg from "pg";
import type { DbHandle } from "@/db/client";
import { OutageLog } from "@/lib/db-outage";
import { errorFields, log } from "@/lib/log";

const RECONNECT_MS = 1000;
// Channel names go into LISTEN as identifiers: only plain ones.
const CHANNEL = /^[a-z_][a-z0-9_]{0,62}$/;

export type DbListener = {
  /** Calls `fn` with the payload of every NOTIFY on `channel`, from any process. Returns the unlisten. */
  listen(channel: string, fn: (payload: string) => void): () => void;
  /** Settles once every channel listened to is in place (again after a reconnect), or after `ms`. */
  ready(ms?: number): Promise<void>;
  close(): Promise<void>;
};

/**
 * One LISTEN connection per process for PostgreSQL's notifications (server status changes, new
 * jobs), outside the pool: a pooled connection would be handed out and lose its LISTEN. It
 * reconnects after a loss and listens to every channel again. The embedded database has LISTEN of
 * its own.
 */
export function createDbListener(database: DbHandle): DbListener {
  const handlers = new Map<string, Set<(payload: string) => void>>();
  const dispatch = (channel: string, payload: string | undefined) => {
    for (const fn of handlers.get(channel) ?? []) {
      try {
        fn(payload ?? "");
      } catch (error) {
        log("listen", { channel }).error(errorFields(error), "handler failed");
      }
    }
  };
  const backend = database.pglite
    ? pgliteBackend(database, dispatch)
    : postgresBackend(database.url!, dispatch);
  return {
    listen(channel, fn) {
      if (!CHANNEL.test(channel)) throw new Error(`not a channel name: ${channel}`);
      let set = handlers.get(channel);
      if (!set) {
        set = new Set();
        handlers.set(channel, set);
        backend.add(channel);
      }
      set.add(fn);
      return () => {
        handlers.get(channel)?.delete(fn);
      };
    },
    ready: (ms = 3000) =>
      Promise.race([backend.ready(), new Promise<void>((r) => setTimeout(r, ms).unref())]),
    close: () => backend.close(),
  };
}

type Backend = { add(channel: string): void; ready(): Promise<void>; close(): Promise<void> };

function postgresBackend(url: string, dispatch: (channel: string, payload?: string) => void): Backend {
  const channels = new Set<string>();
  let client: pg.Client | null = null;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let ready: Promise<void> = Promise.resolve();
  const outage = new OutageLog("listen");
  const connect = () => {
    let listening = () => {};
    ready = new Promise((r) => {
      listening = r;
    });
    const c = new pg.Client({ connectionString: url });
    client = c;
    const retry = (why: unknown) => {
      if (stopped || client !== c) return;
      // Reconnecting every second while the database is away is one log line, not one a second.
      outage.failure(why);
      client = null;
      c.end().catch(() => {});
      timer = setTimeout(connect, RECONNECT_MS);
      timer.unref();
    };
    c.on("error", (err) => retry(err));
    c.on("end", () => retry(new Error("connection ended")));
    c.on("notification", (n) => dispatch(n.channel, n.payload));
    void (async () => {
      try {
        await c.connect();
        for (const channel of channels) await c.query(`LISTEN ${channel}`);
        outage.success();
        listening();
      } catch (error) {
        retry(error);
      }
    })();
  };
  return {
    add(channel) {
      channels.add(channel);
      if (!client) connect();
      else ready = ready.then(() => client?.query(`LISTEN ${channel}`).then(() => {}));
    },
    ready: () => ready,
    async close() {
      stopped = true;
      clearTimeout(timer);
      await client?.end().catch(() => {});
    },
  };
}

function pgliteBackend(database: DbHandle, dispatch: (channel: string, payload?: string) => void): Backend {
  const unlistens: Promise<() => Promise<void>>[] = [];
  return {
    add(channel) {
      unlistens.push(database.pglite!.listen(channel, (payload) => dispatch(channel, payload)));
    },
    ready: async () => {
      await Promise.all(unlistens);
    },
    async close() {
      for (const unlisten of await Promise.all(unlistens)) await unlisten().catch(() => {});
    },
  };
}
