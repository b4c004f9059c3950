import { createServer, type IncomingMessage } from "node:http";
import net from "node:net";
import { describe, expect, it } from "vitest";
import { HTTP_SERVER_OPTIONS } from "@/lib/server/http-server";
import { call, servedApi } from "./harness";

const api = servedApi();

/**
 * Sends a request's headers promising a 100-byte body, then one byte every 2 s; resolves with what
 * came back and when the server closed the connection (ms after the headers).
 */
function trickle(port: number, path: string): Promise<{ answer: string; closedAfterMs: number }> {
  return new Promise((resolve) => {
    const started = Date.now();
    const socket = net.connect(port, "127.0.0.1");
    let answer = "";
    socket.write(
      `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{`,
    );
    const timer = setInterval(() => socket.write(" ", () => {}), 2000);
    socket.on("data", (d) => (answer += d));
    socket.on("error", () => {});
    socket.on("close", () => {
      clearInterval(timer);
      resolve({ answer, closedAfterMs: Date.now() - started });
    });
  });
}

describe("a body trickled a byte every 2 s", () => {
  it("is cut off: 408 from the protocol within its 10 s, and by the portal's server before 30 s", {
    timeout: 45_000,
  }, async () => {
    // The portal's node:http server, with a handler that waits for the whole body as Next does.
    const portal = createServer(HTTP_SERVER_OPTIONS, (req: IncomingMessage, res) => {
      req.resume();
      req.on("end", () => res.end("read it all"));
    });
    await new Promise<void>((r) => portal.listen(0, "127.0.0.1", r));
    const portalPort = (portal.address() as net.AddressInfo).port;
    try {
      const protocolPort = Number(new URL(api.url).port);
      const [protocol, page] = await Promise.all([
        trickle(protocolPort, "/api/v1/ucserver/heartbeats"),
        trickle(portalPort, "/some/page"),
      ]);
      expect(protocol.answer).toMatch(/^HTTP\/1\.1 408/);
      expect(protocol.answer).toContain("request-timeout");
      expect(protocol.closedAfterMs).toBeLessThan(13_000);
      expect(page.answer).not.toContain("read it all");
      expect(page.closedAfterMs).toBeLessThan(30_000);
    } finally {
      portal.closeAllConnections();
      portal.close();
    }
  });
});

describe("protocol answers", () => {
  it("are never sniffed as anything but what they say, errors included", async () => {
    for (const res of [
      await call(api, "POST", "/sessions", { body: { serverId: "x", password: "y", ucserverVersion: "1" } }),
      await call(api, "GET", "/nope"),
      await call(api, "POST", "/heartbeats", { raw: "{" }),
    ]) {
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    }
  });
});
