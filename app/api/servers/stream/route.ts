import { isAppError } from "@/lib/errors";
import { streamServerStatus } from "@/lib/live/stream-server-status";
import { portal } from "@/lib/server/portal";
import { getActor } from "@/lib/web/context";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** Server-sent events of the caller's organisation's server statuses (see streamServerStatus). */
export async function GET(request: Request): Promise<Response> {
  const actor = await getActor();
  if (!actor) return new Response("Unauthorized", { status: 401 });
  try {
    const { db, statusFeed } = portal();
    const stream = await streamServerStatus(db, actor, { feed: statusFeed, signal: request.signal });
    return new Response(stream, {
      headers: {
        "Content-Type": "text/event-stream; charset=utf-8",
        "Cache-Control": "no-cache, no-transform",
        Connection: "keep-alive",
        "X-Accel-Buffering": "no",
      },
    });
  } catch (error) {
    if (isAppError(error)) return new Response(null, { status: error.status });
    throw error;
  }
}
