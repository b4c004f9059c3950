import { nextUcserverHandler } from "@/lib/ucserver/http/next-route";

// Thin adapter: the protocol lives in lib/ucserver/http, shared with the node:http fast route.
export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export {
  nextUcserverHandler as DELETE,
  nextUcserverHandler as GET,
  nextUcserverHandler as PATCH,
  nextUcserverHandler as POST,
  nextUcserverHandler as PUT,
};
