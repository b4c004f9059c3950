import { db } from "@/lib/server/portal";
import { exportConsentsCsv } from "@/lib/terms/export-consents-csv";
import { getActor } from "@/lib/web/context";
import { routeErrorResponse } from "@/lib/web/route-error";

export const dynamic = "force-dynamic";

/** The organisation's consent ledger as a CSV download (see exportConsentsCsv). */
export async function GET(): Promise<Response> {
  const actor = await getActor();
  if (!actor) return new Response("Unauthorized", { status: 401 });
  try {
    const { csv, filename } = await exportConsentsCsv(db, actor);
    return new Response(csv, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="${filename}"`,
        "cache-control": "no-store",
        "x-content-type-options": "nosniff",
      },
    });
  } catch (error) {
    return routeErrorResponse(error);
  }
}
