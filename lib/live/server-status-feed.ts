import { z } from "zod";
import { errorFields, log } from "@/lib/log";
import type { DbListener } from "./db-listener";

/** One change of a server's connection status, as the database announces it (see migration 0003). */
export const statusEventSchema = z.object({
  organisationId: z.uuid().nullable(),
  serverId: z.uuid(),
  status: z.enum(["never-connected", "online", "late", "offline"]),
  at: z.string(),
});
export type StatusEvent = z.infer<typeof statusEventSchema>;

export const SERVER_STATUS_CHANNEL = "server_status";

type Subscriber = { fn: (event: StatusEvent) => void; onEnd?: () => void };

export type ServerStatusFeed = {
  /**
   * Calls `fn` with every status change of the organisation's servers, whichever process recorded
   * it. The caller must have checked that its user belongs to the organisation. `onEnd` is called
   * when the feed closes (shutdown), so an open stream ends instead of holding the process.
   */
  subscribe(organisationId: string, fn: (event: StatusEvent) => void, onEnd?: () => void): () => void;
  /** Resolves once this process listens, so a stream opened now misses nothing from here on. */
  ready(ms?: number): Promise<void>;
  /** Ends every subscription (their streams close); the database listener is the caller's. */
  close(): void;
};

/** The live status of servers fanned out per organisation, from the process's one database listener. */
export function createServerStatusFeed(listener: DbListener): ServerStatusFeed {
  const subscribers = new Map<string, Set<Subscriber>>();
  let unlisten: (() => void) | null = null;
  const dispatch = (payload: string) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(payload);
    } catch {
      return;
    }
    const event = statusEventSchema.safeParse(parsed);
    // An unclaimed trial server belongs to nobody's page.
    if (!event.success || !event.data.organisationId) return;
    for (const { fn } of subscribers.get(event.data.organisationId) ?? []) {
      try {
        fn(event.data);
      } catch (error) {
        log("live").error(errorFields(error), "subscriber failed");
      }
    }
  };
  const start = () => {
    unlisten ??= listener.listen(SERVER_STATUS_CHANNEL, dispatch);
  };
  return {
    subscribe(organisationId, fn, onEnd) {
      start();
      let set = subscribers.get(organisationId);
      if (!set) {
        set = new Set();
        subscribers.set(organisationId, set);
      }
      const subscriber: Subscriber = { fn, onEnd };
      set.add(subscriber);
      return () => {
        const current = subscribers.get(organisationId);
        current?.delete(subscriber);
        if (current?.size === 0) subscribers.delete(organisationId);
      };
    },
    ready(ms) {
      start();
      return listener.ready(ms);
    },
    close() {
      unlisten?.();
      unlisten = null;
      const ending = [...subscribers.values()].flatMap((set) => [...set]);
      subscribers.clear();
      for (const { onEnd } of ending) {
        try {
          onEnd?.();
        } catch (error) {
          log("live").error(errorFields(error), "ending a subscriber failed");
        }
      }
    },
  };
}
