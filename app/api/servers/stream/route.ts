import { getActor } from "@/lib/http/context";
import { statusListenerReady, subscribeServerStatus } from "@/lib/live/status-listener";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

const KEEP_ALIVE_MS = 15_000;

/**
 * Server-sent events: the connection status of the caller's organisation's servers as it changes.
 * Only the organisation of the session is ever subscribed, so nothing of another one can arrive.
 */
export async function GET(request: Request): Promise<Response> {
  const actor = await getActor();
  const org = actor?.org;
  if (!org) return new Response("Unauthorized", { status: 401 });
  // The browser counts the stream as open once the headers arrive: from then on nothing is missed.
  await statusListenerReady();
  const encoder = new TextEncoder();
  let cleanup = () => {};
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const send = (text: string) => {
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          cleanup();
        }
      };
      // Reconnect soon after a drop; the page refreshes its figures anyway.
      send("retry: 3000\n: connected\n\n");
      const unsubscribe = subscribeServerStatus(org.id, (e) => {
        send(
          `event: status\ndata: ${JSON.stringify({ serverId: e.serverId, status: e.status, at: e.at })}\n\n`,
        );
      });
      const keepAlive = setInterval(() => send(": keep-alive\n\n"), KEEP_ALIVE_MS);
      cleanup = () => {
        clearInterval(keepAlive);
        unsubscribe();
      };
      request.signal.addEventListener("abort", () => {
        cleanup();
        try {
          controller.close();
        } catch {}
      });
    },
    cancel() {
      cleanup();
    },
  });
  return new Response(stream, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-cache, no-transform",
      Connection: "keep-alive",
      "X-Accel-Buffering": "no",
    },
  });
}
