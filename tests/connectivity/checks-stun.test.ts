import dgram from "node:dgram";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CheckerConfig } from "@/lib/connectivity/checks";
import { stunCheck } from "@/lib/connectivity/checks/stun";
import { errorCodeOf, textAttribute, xorAddress } from "@/lib/connectivity/checks/stun-attributes";
import {
  ATTR,
  CLASS,
  decodeStun,
  encodeStun,
  METHOD,
  newTransactionId,
  verifyIntegrity,
} from "@/lib/connectivity/checks/stun-message";
import { turnCheck } from "@/lib/connectivity/checks/turn";
import { coturnConfig } from "@/lib/connectivity/files";
import type { ConnectivityInputs } from "@/lib/connectivity/types";
import {
  type CoturnPeer,
  type DnsmasqPeer,
  startCoturn,
  startDnsmasq,
} from "@/tests/support/connectivity-peers";
import { freePort } from "@/tests/support/free-port";

const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ""), "hex");

// RFC 5769 §2.1 and §2.2: a sample request and IPv4 response, with their short-term password.
const SAMPLE_REQUEST = hex(`000100582112a442b7e7a701bc34d686fa87dfae802200105354554e20746573
  7420636c69656e74002400046e0001ff80290008932ff9b151263b36000600096576746a3a68367659202020
  000800149aeaa70cbfd8cb56781ef2b5b2d3f249c1b571a280280004e57a3bcf`);
const SAMPLE_RESPONSE = hex(`0101003c2112a442b7e7a701bc34d686fa87dfae8022000b7465737420766563
  746f7220002000080001a147e112a643000800142b91f599fd9e90c38c7489f92af9ba53f06be7d7
  80280004c07d4c96`);
const SAMPLE_KEY = Buffer.from("VOkJxbRl1RmTxUk/WvJxBt");

describe("STUN codec", () => {
  it("reads RFC 5769's sample messages, integrity and fingerprint included", () => {
    const request = decodeStun(SAMPLE_REQUEST);
    expect(request).toMatchObject({ method: METHOD.binding, cls: CLASS.request });
    expect(verifyIntegrity(SAMPLE_REQUEST, SAMPLE_KEY)).toBe(true);
    expect(verifyIntegrity(SAMPLE_REQUEST, Buffer.from("wrong"))).toBe(false);
    const response = decodeStun(SAMPLE_RESPONSE)!;
    expect(response.cls).toBe(CLASS.success);
    expect(xorAddress(response, ATTR.xorMappedAddress)).toEqual({
      family: "IPv4",
      address: "192.0.2.1",
      port: 32853,
    });
    expect(verifyIntegrity(SAMPLE_RESPONSE, SAMPLE_KEY)).toBe(true);
  });

  it("refuses a message whose fingerprint does not match", () => {
    const bad = Buffer.from(SAMPLE_RESPONSE);
    bad[bad.length - 1]! ^= 1;
    expect(decodeStun(bad)).toBeNull();
    expect(decodeStun(Buffer.from("GET / HTTP/1.1\r\n\r\n"))).toBeNull();
  });

  it("round-trips what it writes, with integrity and fingerprint", () => {
    const transactionId = newTransactionId();
    const key = Buffer.from("key");
    const raw = encodeStun(
      {
        method: METHOD.allocate,
        cls: CLASS.error,
        transactionId,
        attributes: [textAttribute(ATTR.realm, "r")],
      },
      { integrityKey: key, fingerprint: true },
    );
    const back = decodeStun(raw)!;
    expect(back).toMatchObject({ method: METHOD.allocate, cls: CLASS.error });
    expect(back.transactionId.equals(transactionId)).toBe(true);
    expect(verifyIntegrity(raw, key)).toBe(true);
    expect(errorCodeOf(back)).toBeUndefined();
  });
});

describe("stun and turn against coturn running the generated turnserver.conf", () => {
  const secret = "0123456789abcdef0123456789abcdef";
  let dns: DnsmasqPeer;
  let coturn: CoturnPeer;
  let inputs: ConnectivityInputs;
  let config: CheckerConfig;

  beforeAll(async () => {
    const turnPort = await freePort();
    inputs = {
      scenario: "own-turn",
      publish: "forwarding",
      publicHost: "ucserver.example.test",
      publicPort: 7225,
      internalAddress: "127.0.0.1",
      turnHost: "turn.example.test",
      turnPort,
      turnRealm: "example.test",
    };
    [dns, coturn] = await Promise.all([
      startDnsmasq({ records: { a: [["turn.example.test", "127.0.0.1"]] } }),
      startCoturn({ confText: coturnConfig(inputs, { turnSecret: secret }), port: turnPort }),
    ]);
    config = { allow: ["127.0.0.0/8"], dnsServers: [dns.server], timeoutMs: 2000 };
  });

  afterAll(async () => {
    await Promise.all([dns?.stop(), coturn?.stop()]);
  });

  it("stun is green with the mapped address", async () => {
    const r = await stunCheck(inputs, { config });
    expect(r).toMatchObject({
      check: "stun",
      state: "green",
      seen: { mappedAddress: "127.0.0.1", protocol: "UDP" },
    });
    expect(r.seen.mappedPort).toEqual(expect.any(Number));
  });

  it("stun is red timeout against a closed port, and no-stun when the answer has no mapped address", async () => {
    // Something that speaks STUN but answers every request with a bare error response.
    const other = dgram.createSocket("udp4");
    other.on("message", (raw, from) => {
      const request = decodeStun(raw);
      if (!request) return;
      const answer = { ...request, cls: CLASS.error, attributes: [] };
      other.send(encodeStun(answer, { fingerprint: true }), from.port, from.address);
    });
    await new Promise<void>((r) => other.bind(0, "127.0.0.1", r));
    const quick = { config: { ...config, timeoutMs: 600 } };
    const [closed, noStun] = await Promise.all([
      stunCheck({ ...inputs, turnPort: await freePort() }, quick),
      stunCheck({ ...inputs, turnPort: other.address().port }, quick),
    ]);
    other.close();
    expect(closed).toMatchObject({ state: "red", reason: "timeout", seen: { address: "127.0.0.1" } });
    expect(noStun).toMatchObject({ state: "red", reason: "no-stun" });
  });

  it("turn is skipped without a secret for the run", async () => {
    expect(await turnCheck(inputs, { config })).toMatchObject({ state: "skipped", reason: "needs-secret" });
  });

  it("turn is green with the right secret, with a relayed address, and the secret is nowhere in the result", async () => {
    const r = await turnCheck(inputs, { config, turnSecret: secret });
    expect(r).toMatchObject({
      check: "turn",
      state: "green",
      seen: { realm: "example.test", relayedAddress: "127.0.0.1" },
    });
    expect(JSON.stringify(r)).not.toContain(secret);
  });

  it("turn is red turn-unauthorized with a wrong secret", async () => {
    const r = await turnCheck(inputs, { config, turnSecret: "not-the-secret-0000000000" });
    expect(r).toMatchObject({ state: "red", reason: "turn-unauthorized", seen: { code: 401 } });
  });

  it("turn is red turn-no-auth against an open relay (a conf of our own: the generated one always authenticates)", async () => {
    const port = await freePort();
    const open = await startCoturn({ confText: "no-auth\nrealm=example.test\nno-tls\nno-dtls\n", port });
    try {
      const r = await turnCheck({ ...inputs, turnPort: port }, { config, turnSecret: secret });
      expect(r).toMatchObject({ state: "red", reason: "turn-no-auth" });
    } finally {
      await open.stop();
    }
  });
});
