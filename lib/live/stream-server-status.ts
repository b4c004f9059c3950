import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { sqlRows } from "@/db/sql";
import type { Actor } from "@/lib/auth/actor";
import { requirePermission } from "@/lib/permissions";
import type { ServerStatusFeed, StatusEvent } from "./server-status-feed";

/** How often an idle stream checks that its viewer may still watch, and keeps the connection alive. */
export const STREAM_RECHECK_MS = 15_000;

/**
 * Whether the session behind the stream still lets its user watch the organisation: the session
 * is neither ended nor expired, the user not disabled, and still a member.
 */
async function mayStillWatch(db: DbOrTx, sessionId: string, organisationId: string): Promise<boolean> {
  const [row] = await sqlRows<{ ok: boolean }>(
    db,
    sql`select exists (
          select 1 from user_sessions s
            join users u on u.id = s.user_id and u.disabled_at is null
            join memberships m on m.user_id = s.user_id and m.organisation_id = ${organisationId}::uuid
           where s.id = ${sessionId}::uuid and s.revoked_at is null and s.expires_at > now()) as ok`,
  );
  return row?.ok === true;
}

/**
 * Server-sent events: the connection status of the caller's organisation's servers as it changes,
 * whichever process records it. Only that organisation is subscribed, so nothing of another can
 * arrive. Membership and session are checked again before every event and every `recheckMs` while
 * idle: a member removed, or signed out everywhere, stops receiving at once and the stream ends.
 * It also ends when this process shuts down (the browser reconnects to another one).
 */
export async function streamServerStatus(
  db: DbOrTx,
  actor: Actor,
  opts: { feed: ServerStatusFeed; signal: AbortSignal; recheckMs?: number },
): Promise<ReadableStream<Uint8Array>> {
  // The actor was loaded from a live session and membership just now; from here on it is re-checked.
  const org = requirePermission(actor, "servers.view");
  // The browser counts the stream as open once the headers arrive: from then on nothing is missed.
  await opts.feed.ready();
  const encoder = new TextEncoder();
  let end = () => {};
  return new ReadableStream<Uint8Array>({
    start(controller) {
      let open = true;
      // Events go out in order, each after its own check.
      let queue = Promise.resolve();
      const send = (text: string) => {
        if (!open) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          end();
        }
      };
      const checked = (then: () => void) => {
        queue = queue.then(async () => {
          if (!open) return;
          const ok = await mayStillWatch(db, actor.sessionId, org.id).catch(() => true);
          if (ok) then();
          else end();
        });
      };
      // Reconnect soon after a drop; the page refreshes its figures anyway.
      send("retry: 3000\n: connected\n\n");
      const unsubscribe = opts.feed.subscribe(
        org.id,
        (e: StatusEvent) =>
          checked(() =>
            send(
              `event: status\ndata: ${JSON.stringify({ serverId: e.serverId, status: e.status, at: e.at })}\n\n`,
            ),
          ),
        () => end(),
      );
      const timer = setInterval(
        () => checked(() => send(": keep-alive\n\n")),
        opts.recheckMs ?? STREAM_RECHECK_MS,
      );
      end = () => {
        if (!open) return;
        open = false;
        clearInterval(timer);
        unsubscribe();
        try {
          controller.close();
        } catch {}
      };
      opts.signal.addEventListener("abort", () => end());
    },
    cancel() {
      end();
    },
  });
}
