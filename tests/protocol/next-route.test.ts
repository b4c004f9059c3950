import { afterAll, describe, expect, it } from "vitest";
import { closePortal } from "@/lib/server/portal";
import { nextUcserverHandler } from "@/lib/ucserver/http/next-route";

// The protocol as Next's route handler serves it where our own server does not answer first: the
// same body limits as the node:http route, through the same reader.
afterAll(() => closePortal());

const post = (path: string, body: BodyInit, headers: Record<string, string> = {}) =>
  nextUcserverHandler(
    new Request(`http://127.0.0.1${path}`, {
      method: "POST",
      body,
      headers: { "content-type": "application/json", ...headers },
      duplex: "half",
    } as RequestInit),
  );

describe("the protocol behind Next's route handler", () => {
  it("refuses a body over 64 KiB with 413, declared or streamed, and reads a good one", async () => {
    const big = JSON.stringify({ serverId: "x".repeat(70 * 1024), password: "y", ucserverVersion: "1" });
    expect((await post("/api/v1/ucserver/sessions", big)).status).toBe(413);
    const streamed = new ReadableStream({
      start(c) {
        for (let i = 0; i < 80; i++) c.enqueue(new TextEncoder().encode("x".repeat(1024)));
        c.close();
      },
    });
    expect((await post("/api/v1/ucserver/sessions", streamed)).status).toBe(413);
    const bad = await post("/api/v1/ucserver/sessions", JSON.stringify({ serverId: "x" }));
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { errors: { field: string }[] }).errors.map((e) => e.field)).toContain(
      "password",
    );
  });
});
