import { and, eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { mailOutbox, memberships } from "@/db/schema";
import { runConnectivityChecks } from "@/lib/connectivity/run-connectivity-checks";
import { saveConnectivity } from "@/lib/connectivity/save-connectivity";
import { db } from "@/tests/setup/db";
import * as f from "@/tests/setup/factories";
import { offlineConfig, orgWithServer, proxyForm, stubRunner } from "./assistant-fixtures";

/** A server with its proxy setup saved, a second owner who opted out, and a stub checker. */
async function setup() {
  const a = await orgWithServer();
  const quiet = await f.makeUser({ locale: "en" });
  await f.addMember(a.org.id, quiet.id, "owner");
  await db
    .update(memberships)
    .set({ notifyConnectivity: false })
    .where(and(eq(memberships.userId, quiet.id), eq(memberships.organisationId, a.org.id)));
  await saveConnectivity(db, a.admin.actor, proxyForm(a.server.id));
  const stub = stubRunner();
  const run = () =>
    runConnectivityChecks(
      db,
      a.admin.actor,
      { server: a.server.id },
      { runner: stub.runner, config: offlineConfig },
    );
  const mails = () =>
    db
      .select()
      .from(mailOutbox)
      .where(
        and(
          eq(mailOutbox.template, "connectivity-alert"),
          inArray(mailOutbox.toAddress, [a.owner.email, quiet.email, a.admin.email, a.member.email]),
        ),
      )
      .orderBy(mailOutbox.createdAt);
  return { ...a, quiet, stub, run, mails };
}

describe("connectivity alerts", () => {
  it("red: one mail to the owners who want it; the same red again: none; green again: one", async () => {
    const s = await setup();
    await s.run();
    expect(await s.mails()).toHaveLength(0);

    s.stub.set({ "dns-srv": ["red", "srv-missing"], tls: ["amber", "cert-expiring"] });
    await s.run();
    const [problem, ...rest] = await s.mails();
    expect(rest).toHaveLength(0);
    expect(problem).toMatchObject({ toAddress: s.owner.email, locale: "de" });
    expect(problem!.subject).toBe(`UCServer „${s.server.name}“: von außen nicht mehr richtig erreichbar`);
    expect(problem!.text).toContain("DNS-SRV-Eintrag");
    expect(problem!.text).toMatch(/So beheben Sie es: .+/);
    expect(problem!.text).toContain(`/servers/${s.server.id}/connectivity`);

    await s.run();
    s.stub.set({ tls: "green" });
    await s.run();
    expect(await s.mails()).toHaveLength(1);

    s.stub.set({ "dns-srv": "green" });
    await s.run();
    await s.run();
    const all = await s.mails();
    expect(all.map((m) => m.subject)).toEqual([
      problem!.subject,
      `UCServer „${s.server.name}“: alle Erreichbarkeitsprüfungen wieder grün`,
    ]);
  });

  it("amber then red is a change each time; what a check saw is escaped in the mail", async () => {
    const s = await setup();
    await s.run();
    s.stub.set({ tls: ["amber", "cert-expiring"] });
    await s.run();
    s.stub.set({ tls: ["red", "cert-expired"] });
    await s.run();
    expect((await s.mails()).map((m) => m.subject)).toEqual([
      `UCServer „${s.server.name}“: Erreichbarkeit bitte prüfen`,
      `UCServer „${s.server.name}“: von außen nicht mehr richtig erreichbar`,
    ]);
    // A stranger's server chose what the checks read; it is text, never markup.
    const evil = stubRunner({ "dns-a": ["red", "no-record"] });
    const runner: typeof evil.runner = async (inputs, o) =>
      (await evil.runner(inputs, o)).map((r) => ({ ...r, seen: { host: '<img src=x onerror="alert(1)">' } }));
    await runConnectivityChecks(
      db,
      s.admin.actor,
      { server: s.server.id },
      { runner, config: offlineConfig },
    );
    const last = (await s.mails()).at(-1)!;
    expect(last.html).not.toContain("<img");
    expect(last.html).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;");
  });

  it("a person's first run is no news to them (the daily job's is: see daily-checks.test.ts)", async () => {
    const s = await setup();
    s.stub.set({ websocket: ["red", "no-upgrade"] });
    await s.run();
    expect(await s.mails()).toHaveLength(0);
  });

  it("owners who all opted out get nothing, and no 'green again' later either", async () => {
    const s = await setup();
    await db
      .update(memberships)
      .set({ notifyConnectivity: false })
      .where(eq(memberships.organisationId, s.org.id));
    await s.run();
    s.stub.set({ tls: ["red", "untrusted-chain"] });
    await s.run();
    s.stub.set({ tls: "green" });
    await s.run();
    expect(await s.mails()).toHaveLength(0);
  });
});
