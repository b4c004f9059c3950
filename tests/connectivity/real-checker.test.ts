import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mailOutbox } from "@/db/schema";
import type { CheckerConfig } from "@/lib/connectivity/checks";
import { getConnectivity } from "@/lib/connectivity/get-connectivity";
import { getConnectivityFile } from "@/lib/connectivity/get-connectivity-file";
import { runConnectivityChecks } from "@/lib/connectivity/run-connectivity-checks";
import { saveConnectivity } from "@/lib/connectivity/save-connectivity";
import { db } from "@/tests/setup/db";
import {
  type DnsmasqPeer,
  issueCert,
  makeCa,
  startDnsmasq,
  startNginx,
  startUcserverStandIn,
  type TestCa,
  type UcserverStandIn,
} from "@/tests/support/connectivity-peers";
import { freePort } from "@/tests/support/free-port";
import { tempDir } from "@/tests/support/peer-process";
import { orgWithServer, proxyForm } from "./assistant-fixtures";

// The use cases with the real checker, against real peers on loopback: the file nginx runs is the
// one the portal hands out for the saved setup, not a copy.
const DOMAIN = "assistant.test";
const HOST = `ucserver.${DOMAIN}`;
const stops: (() => Promise<void>)[] = [];
let dns: DnsmasqPeer;
let standIn: UcserverStandIn;
let ca: TestCa;
let publicPort: number;
let config: CheckerConfig;

beforeAll(async () => {
  const dir = await tempDir("assistant-ca");
  stops.push(dir.remove);
  ca = makeCa(dir.path);
  publicPort = await freePort();
  standIn = await startUcserverStandIn();
  stops.push(standIn.stop);
  dns = await startDnsmasq({
    records: { a: [[HOST, "127.0.0.1"]], srv: [[`_ctiwebserver._tcp.${DOMAIN}`, HOST, publicPort]] },
  });
  stops.push(dns.stop);
  config = { dnsServers: [dns.server], allow: ["127.0.0.0/8"], ca: ca.pem, timeoutMs: 2000 };
});

afterAll(async () => {
  for (const stop of stops.reverse()) await stop().catch(() => {});
});

describe("the checks of a saved setup, against real peers", () => {
  it("green with nginx running the portal's file; red (and one mail) once nginx is gone", async () => {
    const a = await orgWithServer();
    const cert = issueCert(ca, { names: [HOST] });
    await saveConnectivity(
      db,
      a.admin.actor,
      proxyForm(a.server.id, {
        publicHost: HOST,
        publicPort: String(publicPort),
        internalAddress: "127.0.0.1",
        internalHttpsPort: String(standIn.port),
        certificatePath: cert.certPath,
        keyPath: cert.keyPath,
        httpPort: String(await freePort()),
      }),
    );
    const file = await getConnectivityFile(db, a.admin.actor, { server: a.server.id, file: "nginx" });
    const nginx = await startNginx({ confText: file.content, port: publicPort });
    stops.push(nginx.stop);

    const run = () => runConnectivityChecks(db, a.admin.actor, { server: a.server.id }, { config });
    const green = await run();
    expect(green.map((r) => [r.check, r.state, r.reason])).toEqual([
      ["dns-a", "green", "ok"],
      ["dns-srv", "green", "ok"],
      ["tls", "green", "ok"],
      ["websocket", "green", "ok"],
    ]);
    expect(standIn.upgrades()).toBeGreaterThan(0);

    await nginx.stop();
    const red = await run();
    expect(red.filter((r) => r.state === "red").map((r) => [r.check, r.reason])).toEqual([
      ["tls", "refused"],
      ["websocket", "refused"],
    ]);
    const view = await getConnectivity(db, a.member.actor, { server: a.server.id, locale: "en" });
    expect(view.checks.find((c) => c.check === "dns-a")?.result?.state).toBe("green");
    const mails = await db
      .select()
      .from(mailOutbox)
      .where(and(eq(mailOutbox.template, "connectivity-alert"), eq(mailOutbox.toAddress, a.owner.email)));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.text).toContain("Zertifikat und TLS");
  });
});
