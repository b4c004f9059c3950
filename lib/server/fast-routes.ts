import { ucserverFastRoute } from "@/lib/ucserver/http/node-route";
import type { FastRoute } from "./http-server";

/** Hot protocol paths served by node:http directly; see startServer. */
export const fastRoutes: FastRoute[] = [ucserverFastRoute()];
