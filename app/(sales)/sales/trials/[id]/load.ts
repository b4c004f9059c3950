import { cache } from "react";
import { db } from "@/db/client";
import { requireActor } from "@/lib/http/context";
import { orNotFound } from "@/lib/http/page";
import { getTrial } from "@/lib/trials/get-trial";

/**
 * The trial of this request, read once for the layout, the metadata and the page. The layout reads
 * it before the page's loading boundary, so an unknown, merged or malformed id answers a real 404.
 */
export const loadTrial = cache(async (id: string) => {
  const actor = await requireActor();
  return orNotFound(() => getTrial(db, actor, id));
});
