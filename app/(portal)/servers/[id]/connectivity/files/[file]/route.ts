import { getLocale } from "next-intl/server";
import type { Locale } from "@/db/schema";
import { getConnectivityFile } from "@/lib/connectivity/get-connectivity-file";
import { db } from "@/lib/server/portal";
import { getActor } from "@/lib/web/context";
import { routeErrorResponse } from "@/lib/web/route-error";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string; file: string }> };

/**
 * One generated file of a server's saved setup as a download, in the page's language (the firewall
 * list's purposes), so it is the file the page shows. Another organisation's server is 404.
 */
export async function GET(_request: Request, { params }: Context): Promise<Response> {
  const actor = await getActor();
  if (!actor) return new Response("Unauthorized", { status: 401 });
  const { id, file } = await params;
  try {
    const f = await getConnectivityFile(db, actor, {
      server: id,
      file,
      locale: (await getLocale()) as Locale,
    });
    return new Response(f.content, {
      headers: {
        "content-type": f.contentType,
        // The generator names the file from a checked host name or a fixed name: safe in a header.
        "content-disposition": `attachment; filename="${f.filename}"`,
        "cache-control": "private, no-store",
        "x-content-type-options": "nosniff",
      },
    });
  } catch (error) {
    return routeErrorResponse(error);
  }
}
