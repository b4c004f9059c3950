import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents, connectivityResults, serverConnectivity } from "@/db/schema";
import { getConnectivity } from "@/lib/connectivity/get-connectivity";
import { getConnectivityFile } from "@/lib/connectivity/get-connectivity-file";
import { runConnectivityChecks } from "@/lib/connectivity/run-connectivity-checks";
import { saveConnectivity } from "@/lib/connectivity/save-connectivity";
import { rawValues } from "@/lib/validation";
import { db } from "@/tests/setup/db";
import { offlineConfig, orgWithServer, proxyForm, stubRunner } from "./assistant-fixtures";

const settingsOf = async (serverId: string) =>
  (await db.select().from(serverConnectivity).where(eq(serverConnectivity.serverId, serverId)))[0];
const auditOf = (serverId: string) =>
  db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.targetId, serverId), eq(auditEvents.action, "connectivity.saved")));

describe("saving a server's connectivity setup", () => {
  it("an admin saves the proxy scenario; members see it, its files and no results yet", async () => {
    const a = await orgWithServer();
    const form = proxyForm(a.server.id, { certificatePath: "/etc/ssl/ucs.crt", keyPath: "/etc/ssl/ucs.key" });
    expect(await saveConnectivity(db, a.admin.actor, rawValues(form))).toEqual({ changed: true });
    const saved = await settingsOf(a.server.id);
    expect(saved?.inputs).toMatchObject({
      scenario: "proxy",
      publish: "proxy",
      proxyKind: "nginx",
      publicHost: "ucserver.example.com",
      srvDomain: "example.com",
      publicPort: 443,
    });
    expect(saved?.fileOptions).toEqual({ certificatePath: "/etc/ssl/ucs.crt", keyPath: "/etc/ssl/ucs.key" });
    const [audit] = await auditOf(a.server.id);
    expect(audit?.details).toMatchObject({ scenario: "proxy" });

    const view = await getConnectivity(db, a.member.actor, { server: a.server.id, locale: "en" });
    expect(view.saved).not.toBeNull();
    expect(view.checks.map((c) => [c.check, c.result])).toEqual([
      ["dns-a", null],
      ["dns-srv", null],
      ["tls", null],
      ["websocket", null],
    ]);
    expect(view.push).toMatchObject({ check: "push", state: "red", reason: "push-never" });
    expect(view.setup?.files.map((f) => f.id)).toEqual(["dns", "firewall", "nginx"]);
    const nginx = await getConnectivityFile(db, a.member.actor, { server: a.server.id, file: "nginx" });
    expect(nginx.filename).toBe("ucserver.example.com.conf");
    expect(nginx.content).toContain("ssl_certificate /etc/ssl/ucs.crt;");
    await expect(
      getConnectivityFile(db, a.member.actor, { server: a.server.id, file: "iis" }),
    ).rejects.toMatchObject({ code: "not-found" });
  });

  it("a bad port and a bad name come back per field, and nothing changes", async () => {
    const a = await orgWithServer();
    await saveConnectivity(db, a.owner.actor, proxyForm(a.server.id));
    const before = await settingsOf(a.server.id);
    const bad = proxyForm(a.server.id, {
      publicPort: "70000",
      publicHost: "ucserver_1.example",
      httpPort: "x",
    });
    await expect(saveConnectivity(db, a.owner.actor, rawValues(bad))).rejects.toMatchObject({
      code: "validation",
      fields: expect.arrayContaining([
        { field: "publicPort", message: "invalid-port" },
        { field: "publicHost", message: "invalid-hostname" },
        { field: "httpPort", message: "invalid-port" },
      ]),
    });
    await expect(
      saveConnectivity(db, a.owner.actor, proxyForm(a.server.id, { httpPort: "443" })),
    ).rejects.toMatchObject({ fields: [{ field: "httpPort", message: "port-conflict" }] });
    expect(await settingsOf(a.server.id)).toEqual(before);
    expect(await auditOf(a.server.id)).toHaveLength(1);
  });

  it("another organisation's server is not found, whoever asks; a member may look but not save or run", async () => {
    const a = await orgWithServer();
    const b = await orgWithServer();
    await saveConnectivity(db, a.admin.actor, proxyForm(a.server.id));
    await expect(saveConnectivity(db, b.owner.actor, proxyForm(a.server.id))).rejects.toMatchObject({
      code: "not-found",
    });
    await expect(getConnectivity(db, b.owner.actor, { server: a.server.id })).rejects.toMatchObject({
      code: "not-found",
    });
    await expect(
      getConnectivityFile(db, b.owner.actor, { server: a.server.id, file: "nginx" }),
    ).rejects.toMatchObject({ code: "not-found" });
    const stub = stubRunner();
    const run = { runner: stub.runner, config: offlineConfig };
    await expect(
      runConnectivityChecks(db, b.owner.actor, { server: a.server.id }, run),
    ).rejects.toMatchObject({ code: "not-found" });
    await expect(saveConnectivity(db, a.member.actor, proxyForm(a.server.id))).rejects.toMatchObject({
      code: "forbidden",
    });
    await expect(
      runConnectivityChecks(db, a.member.actor, { server: a.server.id }, run),
    ).rejects.toMatchObject({ code: "forbidden" });
    expect(stub.calls).toHaveLength(0);
    expect((await getConnectivity(db, a.member.actor, { server: a.server.id })).saved).not.toBeNull();
  });

  it("saving the same again changes nothing; another setup drops the old results", async () => {
    const a = await orgWithServer();
    const run = { runner: stubRunner().runner, config: offlineConfig };
    await saveConnectivity(db, a.admin.actor, proxyForm(a.server.id));
    await runConnectivityChecks(db, a.admin.actor, { server: a.server.id }, run);
    const results = () =>
      db.select().from(connectivityResults).where(eq(connectivityResults.serverId, a.server.id));
    expect(await results()).toHaveLength(4);
    expect(await saveConnectivity(db, a.admin.actor, proxyForm(a.server.id))).toEqual({ changed: false });
    expect(await results()).toHaveLength(4);
    await saveConnectivity(db, a.admin.actor, proxyForm(a.server.id, { publicHost: "ucs.example.org" }));
    expect(await results()).toHaveLength(0);
    const [, changed] = await auditOf(a.server.id);
    expect(changed?.details).toMatchObject({ changed: ["publicHost", "srvDomain"] });
  });
});
