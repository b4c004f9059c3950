import { errorStatus, isAppError } from "@/lib/errors";
import { db } from "@/lib/server/portal";
import { exportConsentsCsv } from "@/lib/terms/export-consents-csv";
import { getActor } from "@/lib/web/context";

export const dynamic = "force-dynamic";

/** The organisation's consent ledger as a CSV download; owners and admins only. */
export async function GET(): Promise<Response> {
  const actor = await getActor();
  if (!actor) return new Response("Unauthorized", { status: 401 });
  try {
    const { csv } = await exportConsentsCsv(db, actor);
    const date = new Date().toISOString().slice(0, 10);
    return new Response(csv, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="consents-${date}.csv"`,
        "cache-control": "no-store",
        "x-content-type-options": "nosniff",
      },
    });
  } catch (error) {
    // A member, or no organisation: answered like anything else that does not exist for them.
    if (isAppError(error)) {
      const status = error.code === "forbidden" ? 404 : errorStatus[error.code];
      return new Response("Not found", { status });
    }
    throw error;
  }
}
