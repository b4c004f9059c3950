import type { Db } from "@/db/client";
import { ucserverFastRoute } from "@/lib/ucserver/http/node-route";
import type { FastRoute } from "./http-server";

/** Hot protocol paths served by node:http directly; see startServer. */
export function fastRoutes(db: Db, trustProxy: boolean): FastRoute[] {
  return [ucserverFastRoute({ db, trustProxy })];
}
