import { readFileSync } from "node:fs";
import https from "node:https";
import type { AddressInfo, Socket } from "node:net";
import { WebSocketServer } from "ws";
import { WEBSOCKET_PATH } from "@/lib/connectivity/types";
import { tempDir } from "./peer-process";
import { issueCert, makeCa } from "./test-ca";

export type UcserverStandIn = {
  port: number;
  /** How many WebSocket upgrades it accepted, and how many plain requests it answered. */
  upgrades: () => number;
  requests: () => number;
  stop: () => Promise<void>;
};

/**
 * The UCServer's web services as far as the proxy tests need them: HTTPS on 127.0.0.1 with a
 * certificate of its own (as the real one has; nginx does not verify upstreams by default), a
 * WebSocket echo at /ws/client/websocket, and a small JSON answer everywhere else. A plain GET on
 * the WebSocket path (what a proxy without the Upgrade headers forwards) gets 426.
 */
export async function startUcserverStandIn(): Promise<UcserverStandIn> {
  const dir = await tempDir("ucserver-stand-in");
  const cert = issueCert(makeCa(dir.path, "UCServer Stand-in CA"), {
    names: ["ucserver.local", "127.0.0.1"],
  });
  let upgrades = 0;
  let requests = 0;
  const sockets = new Set<Socket>();
  const wss = new WebSocketServer({ noServer: true });
  wss.on("connection", (ws) => ws.on("message", (data, isBinary) => ws.send(data, { binary: isBinary })));
  const server = https.createServer(
    { key: readFileSync(cert.keyPath), cert: readFileSync(cert.certPath) },
    (req, res) => {
      requests++;
      const path = new URL(req.url ?? "/", "https://stand-in").pathname;
      const status = path === WEBSOCKET_PATH ? 426 : 200;
      res.writeHead(status, { "content-type": "application/json" });
      res.end(
        JSON.stringify({
          service: "ucserver-stand-in",
          path,
          upgrade: status === 426 ? "required" : undefined,
        }),
      );
    },
  );
  server.on("connection", (s: Socket) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  server.on("upgrade", (req, socket, head) => {
    if (new URL(req.url ?? "/", "https://stand-in").pathname !== WEBSOCKET_PATH) {
      socket.end("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n");
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      upgrades++;
      wss.emit("connection", ws, req);
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    port: (server.address() as AddressInfo).port,
    upgrades: () => upgrades,
    requests: () => requests,
    stop: async () => {
      for (const client of wss.clients) client.terminate();
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => server.close(() => r()));
      wss.close();
      await dir.remove();
    },
  };
}
