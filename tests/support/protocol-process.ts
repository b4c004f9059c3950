/**
 * The UCServer protocol alone in a process of its own (node:http fast route, as production serves
 * it), on a free port it prints first ("PORT <n>"), against DATABASE_URL. For tests that look at
 * what such a process logs or does under faults.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

const { ucserverFastRoute } = await import("@/lib/ucserver/http/node-route");
const { portal } = await import("@/lib/server/portal");
const route = ucserverFastRoute({ db: portal().db, trustProxy: true });
const server = createServer((req, res) => {
  if (!route(req, res)) res.writeHead(404).end();
});
server.listen(0, "127.0.0.1", () => {
  process.stdout.write(`PORT ${(server.address() as AddressInfo).port}\n`);
});
process.on("SIGTERM", () => process.exit(0));
