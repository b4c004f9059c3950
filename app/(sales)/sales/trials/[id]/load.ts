import { cache } from "react";
import { db } from "@/lib/server/portal";
import { getTrial } from "@/lib/trials/get-trial";
import { requireActor } from "@/lib/web/context";
import { orNotFound } from "@/lib/web/page";

/**
 * The trial of this request, read once for the layout, the metadata and the page. The layout reads
 * it before the page's loading boundary, so an unknown, merged or malformed id answers a real 404.
 */
export const loadTrial = cache(async (id: string) => {
  const actor = await requireActor();
  return orNotFound(() => getTrial(db, actor, id));
});
