import { readFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import { insertServer } from "@/lib/servers/insert-server";
import {
  issueCert,
  startDnsmasq,
  startNginx,
  startUcserverStandIn,
  type TestCa,
} from "@/tests/support/connectivity-peers";
import { freePort } from "@/tests/support/free-port";
import { db, expect, factories, screenshot, signInAs, test } from "./support/fixtures";
import { E2E_BASE_URL, E2E_CA_DIR, E2E_DNS_PORT } from "./support/run";

// The portal under test asks dnsmasq on E2E_DNS_PORT, may reach loopback and trusts the CA in
// E2E_CA_DIR (see support/serve.ts); the peers below are started by this journey itself.
const DOMAIN = "e2e-connectivity.test";
const HOST = `ucserver.${DOMAIN}`;

/** The CA serve.ts made before the portal started: the proxy's certificate comes from it. */
function e2eCa(): TestCa {
  const certPath = path.join(E2E_CA_DIR, "ca.crt");
  return {
    dir: E2E_CA_DIR,
    certPath,
    keyPath: path.join(E2E_CA_DIR, "ca.key"),
    pem: readFileSync(certPath, "utf8"),
  };
}

async function runChecks(page: Page) {
  await page.getByRole("button", { name: "Jetzt prüfen" }).click();
  await expect(page.locator("[data-run-message]")).toHaveText("Geprüft.", { timeout: 20_000 });
}

const stateOf = (page: Page, check: string) => page.locator(`[data-check="${check}"]`);

test.describe("connectivity assistant", () => {
  test("choose the proxy scenario, fix the form, download the nginx file, see the checks green, then red without nginx", async ({
    page,
  }) => {
    test.setTimeout(120_000);
    const { org, owner } = await factories.makeOrgWithPeople();
    const { server } = await insertServer(db, {
      name: "Zentrale Köln",
      origin: "portal",
      organisationId: org.id,
    });
    const stops: (() => Promise<void>)[] = [];
    try {
      const standIn = await startUcserverStandIn();
      stops.push(standIn.stop);
      const [publicPort, httpPort] = [await freePort(), await freePort()];
      const cert = issueCert(e2eCa(), { names: [HOST] });

      await signInAs(page.context(), owner.id);
      await page.goto(`/servers/${server.id}`);
      await page.getByRole("link", { name: "Erreichbarkeit" }).click();
      await expect(page.getByRole("heading", { name: "1. Ihr Aufbau" })).toBeVisible();
      await expect(page.locator("[data-checks-empty], [data-check=push]").first()).toBeVisible();
      await screenshot(page, "connectivity-empty-de");

      await page
        .getByRole("radio", { name: "Von außen per Reverse Proxy", exact: true })
        .check({ force: true });
      await expect(page.locator("[data-fields=proxy]")).toBeVisible();
      await page.getByLabel("Öffentlicher DNS-Name").fill("ucserver_1.example");
      await page.getByLabel("Öffentlicher HTTPS-Port").fill("70000");
      await page.getByLabel("Interne Adresse des UCServers").fill("127.0.0.1");
      await page.getByRole("button", { name: "Aufbau speichern" }).click();
      await expect(page.locator("[data-field-error=publicHost]")).toContainText("Kein gültiger DNS-Name");
      await expect(page.locator("[data-field-error=publicPort]")).toContainText("zwischen 1 und 65535");
      // What was typed stays, and the chosen scenario too.
      await expect(page.getByLabel("Öffentlicher DNS-Name")).toHaveValue("ucserver_1.example");
      await screenshot(page, "connectivity-form-errors-de");

      await page.getByLabel("Öffentlicher DNS-Name").fill(HOST);
      await page.getByLabel("Öffentlicher HTTPS-Port").fill(String(publicPort));
      await page.getByLabel("Interner HTTPS-Port").fill(String(standIn.port));
      await page.getByLabel("Zertifikatsdatei auf dem Proxy").fill(cert.certPath);
      await page.getByLabel("Schlüsseldatei auf dem Proxy").fill(cert.keyPath);
      await page.getByLabel("HTTP-Port der Umleitung").fill(String(httpPort));
      await page.getByRole("button", { name: "Aufbau speichern" }).click();
      await expect(page.getByText("Gespeichert. Die Konfiguration unten")).toBeVisible();
      await expect(page.locator("[data-field-error]")).toHaveCount(0);

      const shown = await page.locator("pre[data-file=nginx]").textContent();
      const [download] = await Promise.all([
        page.waitForEvent("download"),
        page.locator("[data-download=nginx]").click(),
      ]);
      expect(download.suggestedFilename()).toBe(`${HOST}.conf`);
      const nginxFile = readFileSync((await download.path())!, "utf8");
      expect(nginxFile).toBe(shown);
      expect(nginxFile).toContain(`ssl_certificate ${cert.certPath};`);
      expect(nginxFile).toContain(`listen ${publicPort} ssl`);
      expect(nginxFile).toContain(`proxy_pass https://127.0.0.1:${standIn.port}`);

      const dns = await startDnsmasq({
        port: E2E_DNS_PORT,
        records: { a: [[HOST, "127.0.0.1"]], srv: [[`_ctiwebserver._tcp.${DOMAIN}`, HOST, publicPort]] },
      });
      stops.push(dns.stop);
      const nginx = await startNginx({ confText: nginxFile, port: publicPort });
      stops.push(nginx.stop);

      await runChecks(page);
      for (const check of ["dns-a", "dns-srv", "tls", "websocket"]) {
        await expect(stateOf(page, check)).toHaveAttribute("data-state", "green");
      }
      await expect(stateOf(page, "push")).toHaveAttribute("data-state", "red");
      await screenshot(page, "connectivity-green-de");

      await nginx.stop();
      await runChecks(page);
      await expect(stateOf(page, "tls")).toHaveAttribute("data-state", "red");
      await expect(stateOf(page, "websocket")).toHaveAttribute("data-state", "red");
      await expect(stateOf(page, "dns-a")).toHaveAttribute("data-state", "green");
      await expect(stateOf(page, "tls").locator("[data-reason]")).toHaveAttribute("data-reason", "refused");
      await screenshot(page, "connectivity-red-de");

      await page.context().addCookies([{ name: "portal-locale", value: "en", url: E2E_BASE_URL }]);
      await page.reload();
      await expect(page.getByRole("heading", { name: "3. Live checks" })).toBeVisible();
      await expect(page.getByRole("button", { name: "Run checks" })).toBeVisible();
      await screenshot(page, "connectivity-red-en");
    } finally {
      for (const stop of stops.reverse()) await stop().catch(() => {});
    }
  });

  test("a member sees the setup read-only; another organisation's server and its files are not found", async ({
    page,
  }) => {
    const a = await factories.makeOrgWithPeople();
    const b = await factories.makeOrgWithPeople();
    const { server } = await insertServer(db, {
      name: "Filiale",
      origin: "portal",
      organisationId: a.org.id,
    });
    const { saveConnectivity } = await import("@/lib/connectivity/save-connectivity");
    await saveConnectivity(db, a.admin.actor, {
      server: server.id,
      scenario: "proxy",
      proxyKind: "iis",
      publicHost: "ucserver.filiale.example",
      internalAddress: "192.168.7.5",
    });
    await signInAs(page.context(), a.member.id);
    await page.goto(`/servers/${server.id}/connectivity`);
    await expect(page.getByText("Nur Inhaber und Administratoren")).toBeVisible();
    await expect(page.locator("[data-saved-values]")).toContainText("ucserver.filiale.example");
    await expect(page.getByRole("button", { name: "Aufbau speichern" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Jetzt prüfen" })).toHaveCount(0);
    await expect(page.locator("pre[data-file=iis]")).toContainText("<rule");
    await page.context().addCookies([{ name: "portal-locale", value: "en", url: E2E_BASE_URL }]);
    await page.reload();
    await screenshot(page, "connectivity-member-en");

    const other = await page.context().browser()!.newContext();
    await signInAs(other, b.owner.id);
    const stranger = await other.newPage();
    expect((await stranger.goto(`/servers/${server.id}/connectivity`))?.status()).toBe(404);
    const file = await stranger.request.get(`/servers/${server.id}/connectivity/files/iis`);
    expect(file.status()).toBe(404);
    const own = await page.request.get(`/servers/${server.id}/connectivity/files/iis`);
    expect(own.status()).toBe(200);
    expect(own.headers()["content-disposition"]).toBe('attachment; filename="web.config"');
    await other.close();
  });
});
