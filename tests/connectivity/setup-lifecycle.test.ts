import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { connectivityResults, serverConnectivity } from "@/db/schema";
import { runConnectivityChecks } from "@/lib/connectivity/run-connectivity-checks";
import { saveConnectivity } from "@/lib/connectivity/save-connectivity";
import { deleteOrganisation } from "@/lib/orgs/delete-organisation";
import { deleteServer } from "@/lib/servers/delete-server";
import { db } from "@/tests/setup/db";
import { offlineConfig, orgWithServer, proxyForm, stubRunner } from "./assistant-fixtures";

/** A server with a saved setup and one run's results. */
async function checkedServer() {
  const a = await orgWithServer();
  await saveConnectivity(db, a.admin.actor, proxyForm(a.server.id));
  await runConnectivityChecks(
    db,
    a.admin.actor,
    { server: a.server.id },
    { runner: stubRunner().runner, config: offlineConfig },
  );
  return a;
}

const rowsOf = async (serverId: string) => ({
  settings: await db.select().from(serverConnectivity).where(eq(serverConnectivity.serverId, serverId)),
  results: await db.select().from(connectivityResults).where(eq(connectivityResults.serverId, serverId)),
});

describe("a customer's network setup goes with what it describes", () => {
  it("deleting a server deletes its setup and results, and leaves another server's", async () => {
    const a = await checkedServer();
    const b = await checkedServer();
    expect((await rowsOf(a.server.id)).results.length).toBe(4);
    await deleteServer(db, a.owner.actor, { server: a.server.id, confirmName: a.server.name });
    expect(await rowsOf(a.server.id)).toEqual({ settings: [], results: [] });
    expect((await rowsOf(b.server.id)).settings.length).toBe(1);
    expect((await rowsOf(b.server.id)).results.length).toBe(4);
  });

  it("deleting an organisation deletes its servers' setups and results", async () => {
    const a = await checkedServer();
    await deleteOrganisation(db, a.owner.actor, { organisationId: a.org.id, confirmName: a.org.name });
    expect(await rowsOf(a.server.id)).toEqual({ settings: [], results: [] });
  });
});

describe("a setup saved again while its checks run", () => {
  it("keeps nothing of the run: no results for names and ports that are no longer the setup", async () => {
    const a = await orgWithServer();
    await saveConnectivity(db, a.admin.actor, proxyForm(a.server.id));
    const stub = stubRunner({ tls: ["red", "cert-expired"] });
    const runner: typeof stub.runner = async (inputs, options) => {
      // Someone saves another host name while the checks are under way.
      await saveConnectivity(db, a.owner.actor, proxyForm(a.server.id, { publicHost: "ucs.example.org" }));
      return stub.runner(inputs, options);
    };
    const stored = await runConnectivityChecks(
      db,
      a.admin.actor,
      { server: a.server.id },
      { runner, config: offlineConfig },
    );
    expect(stored).toEqual([]);
    const { settings, results } = await rowsOf(a.server.id);
    expect(results).toEqual([]);
    expect(settings[0]?.inputs).toMatchObject({ publicHost: "ucs.example.org" });
    expect(settings[0]?.runStartedAt).toBeNull();
    expect(settings[0]?.lastRunAt).toBeNull();
  });
});
