import pg from "pg";
import { z } from "zod";
import { handle } from "@/db/client";
import { OutageLog } from "@/lib/db-outage";
import { env } from "@/lib/env";
import { errorFields, log } from "@/lib/log";

/** One change of a server's connection status, as the database announces it (see migration 0003). */
export const statusEventSchema = z.object({
  organisationId: z.uuid().nullable(),
  serverId: z.uuid(),
  status: z.enum(["never-connected", "online", "late", "offline"]),
  at: z.string(),
});
export type StatusEvent = z.infer<typeof statusEventSchema>;
type Subscriber = { fn: (event: StatusEvent) => void; onEnd?: () => void };

const CHANNEL = "server_status";
const RECONNECT_MS = 1000;

// One listener per process, shared by Next's bundle and the custom server like the db handle.
const KEY = Symbol.for("ucconnect.live-status");
type State = {
  subscribers: Map<string, Set<Subscriber>>;
  started: boolean;
  /** Settles once LISTEN is in place (again after a reconnect). */
  ready: Promise<void>;
  stop?: () => Promise<void>;
};
type Global = typeof globalThis & { [KEY]?: State };

function state(): State {
  const g = globalThis as Global;
  g[KEY] ??= { subscribers: new Map(), started: false, ready: Promise.resolve() };
  return g[KEY];
}

function dispatch(payload: string | undefined): void {
  if (!payload) return;
  let parsed: unknown;
  try {
    parsed = JSON.parse(payload);
  } catch {
    return;
  }
  const event = statusEventSchema.safeParse(parsed);
  // An unclaimed trial server belongs to nobody's page.
  if (!event.success || !event.data.organisationId) return;
  for (const { fn } of state().subscribers.get(event.data.organisationId) ?? []) {
    try {
      fn(event.data);
    } catch (error) {
      log("live").error(errorFields(error), "subscriber failed");
    }
  }
}

/** A dedicated connection outside the pool (a pooled one would be handed out and lose its LISTEN). */
function listenPostgres(url: string, s: State): () => Promise<void> {
  let client: pg.Client | null = null;
  let stopped = false;
  const outage = new OutageLog("live");
  let timer: NodeJS.Timeout | undefined;
  const connect = async () => {
    let listening = () => {};
    s.ready = new Promise((r) => {
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
      timer = setTimeout(() => void connect(), RECONNECT_MS);
      timer.unref();
    };
    c.on("error", (err) => retry(err));
    c.on("end", () => retry(new Error("connection ended")));
    c.on("notification", (n) => {
      if (n.channel === CHANNEL) dispatch(n.payload);
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${CHANNEL}`);
      outage.success();
      listening();
    } catch (error) {
      retry(error);
    }
  };
  void connect();
  return async () => {
    stopped = true;
    clearTimeout(timer);
    await client?.end().catch(() => {});
  };
}

function start(s: State): void {
  s.started = true;
  const url = env().DATABASE_URL;
  if (url) {
    s.stop = listenPostgres(url, s);
    return;
  }
  const pglite = handle().pglite;
  if (!pglite) return;
  const unlisten = pglite.listen(CHANNEL, (payload) => dispatch(payload));
  s.ready = unlisten.then(() => {});
  s.stop = async () => (await unlisten)();
}

/**
 * Calls `fn` with every status change of the organisation's servers, whichever process recorded it.
 * The caller must have checked that its user belongs to the organisation. `onEnd` is called when the
 * process stops listening (shutdown), so an open stream can end instead of holding the process.
 * Returns the unsubscribe.
 */
export function subscribeServerStatus(
  organisationId: string,
  fn: (event: StatusEvent) => void,
  onEnd?: () => void,
): () => void {
  const s = state();
  if (!s.started) start(s);
  let set = s.subscribers.get(organisationId);
  if (!set) {
    set = new Set();
    s.subscribers.set(organisationId, set);
  }
  const subscriber: Subscriber = { fn, onEnd };
  set.add(subscriber);
  return () => {
    const current = s.subscribers.get(organisationId);
    current?.delete(subscriber);
    if (current?.size === 0) s.subscribers.delete(organisationId);
  };
}

/**
 * Resolves once this process listens, so a stream opened now misses nothing from here on; gives up
 * waiting after `ms` (the page refreshes its figures anyway).
 */
export function statusListenerReady(ms = 3000): Promise<void> {
  const s = state();
  if (!s.started) start(s);
  return Promise.race([s.ready, new Promise<void>((r) => setTimeout(r, ms).unref())]);
}

/**
 * Stops the process's listener (tests, shutdown) and ends every subscription, so that the streams
 * fed by it close; the next subscription starts it again.
 */
export async function stopStatusListener(): Promise<void> {
  const s = state();
  s.started = false;
  const ending = [...s.subscribers.values()].flatMap((set) => [...set]);
  s.subscribers.clear();
  for (const { onEnd } of ending) {
    try {
      onEnd?.();
    } catch (error) {
      log("live").error(errorFields(error), "ending a subscriber failed");
    }
  }
  const stop = s.stop;
  s.stop = undefined;
  await stop?.();
}
