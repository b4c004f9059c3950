import { checkDatabase } from "@/lib/health/check-health";
import { db } from "@/lib/server/portal";

export const dynamic = "force-dynamic";

export async function GET() {
  const database = await checkDatabase(db);
  return Response.json(
    {
      status: database.ok ? "ok" : "unavailable",
      database: database.ok ? "reachable" : "unreachable",
      latencyMs: database.latencyMs,
    },
    { status: database.ok ? 200 : 503, headers: { "Cache-Control": "no-store" } },
  );
}
