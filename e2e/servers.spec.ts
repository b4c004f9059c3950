import { eq } from "drizzle-orm";
import { serverStatusEvents, servers } from "@/db/schema";
import { db, expect, factories, screenshot, signInAs, test } from "./support/fixtures";
import { replayForm as replayFormFrom } from "./support/replay-form";
import { E2E_BASE_URL } from "./support/run";

const API = `${E2E_BASE_URL}/api/v1/ucserver`;

async function post(path: string, body: unknown, token?: string) {
  const res = await fetch(`${API}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json().catch(() => ({}))) as Record<string, unknown> };
}

/** A UCServer as the protocol sees it: connects, then beats every second until stopped. */
async function runUcserver(serverId: string, password: string) {
  const session = await post("/sessions", { serverId, password, ucserverVersion: "6.4.0.1234" });
  expect(session.status).toBe(201);
  const token = session.json.token as string;
  let sequence = 0;
  const beat = () =>
    post(
      "/heartbeats",
      {
        sequence: sequence++,
        sentAt: new Date().toISOString(),
        ucserverVersion: "6.4.0.1234",
        users: { total: 30, mobile: 12, audioVideo: 4 },
      },
      token,
    );
  expect((await beat()).status).toBe(200);
  const timer = setInterval(() => void beat(), 1000);
  return { stop: () => clearInterval(timer) };
}

/** Replays a form of `page` from a fresh page of the same browser context (see support/replay-form). */
async function replayForm(
  page: import("@playwright/test").Page,
  selector: string,
  overrides: Record<string, string>,
) {
  const other = await page.context().newPage();
  await other.goto("/overview");
  // The page is left to finish its navigation; the context closes it at the end.
  return replayFormFrom(page, other, selector, overrides);
}

test.describe("servers", () => {
  test("register, connect: online without a reload, then late and offline when the heartbeats stop", async ({
    page,
  }) => {
    test.setTimeout(90_000);
    const { owner } = await factories.makeOrgWithPeople();
    await signInAs(page.context(), owner.id);
    await page.goto("/servers");
    await expect(page.getByRole("heading", { name: "Noch keine Server" })).toBeVisible();
    await screenshot(page, "servers-empty");

    await page.getByRole("link", { name: "Server registrieren" }).first().click();
    await page.getByRole("button", { name: "Registrieren" }).click();
    await expect(page.locator("[data-field-error=name]")).toBeVisible();
    await page.getByLabel("Servername").fill("Zentrale Köln");
    await page.getByRole("button", { name: "Registrieren" }).click();
    const serverId = (await page.locator("[data-credential=serverId]").textContent())!.trim();
    const password = (await page.locator("[data-credential=password]").textContent())!.trim();
    expect(serverId).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    await expect(page.getByText("Allgemein – Online Dienste")).toBeVisible();
    await page.getByRole("button", { name: "Kopieren" }).first().click();
    await expect(page.getByRole("button", { name: "✓ Kopiert" })).toBeVisible();
    await screenshot(page, "servers-registered");

    await page.goto("/servers");
    const row = page.locator(`tr[data-server="${serverId}"]`);
    await expect(row.locator("[data-status]")).toHaveAttribute("data-status", "never-connected");
    await expect(page.locator("[data-live=on]")).toBeVisible();
    // A marker on the window: a reload or navigation would lose it.
    await page.evaluate(() => Object.assign(window, { __noReload: true }));

    const ucserver = await runUcserver(serverId, password);
    try {
      await expect(row.locator("[data-status]")).toHaveAttribute("data-status", "online", { timeout: 5000 });
      await screenshot(page, "servers-online");
      await expect(row).toContainText("12");
    } finally {
      ucserver.stop();
    }
    await expect(row.locator("[data-status]")).toHaveAttribute("data-status", "late", { timeout: 8000 });
    await expect(row.locator("[data-status]")).toHaveAttribute("data-status", "offline", { timeout: 10_000 });
    expect(await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);
    await screenshot(page, "servers-offline");

    await row.getByRole("link", { name: "Zentrale Köln" }).click();
    await expect(page.locator("[data-server-name]")).toHaveText("Zentrale Köln");
    await expect(page.locator("[data-timeline] li")).toHaveCount(3);
    await expect(page.locator("[data-qr] svg")).toBeVisible();
    await expect(page.getByText("UCConnect verwenden")).toBeVisible();
    await screenshot(page, "server-page");
  });

  test("claim a trial server that started by itself; wrong password shown next to the field", async ({
    page,
  }) => {
    const { owner } = await factories.makeOrgWithPeople();
    const trial = await post("/trials", { ucserverVersion: "6.4.0.1234", serverName: "Testbetrieb Lager" });
    expect(trial.status).toBe(201);
    await signInAs(page.context(), owner.id);
    await page.goto("/servers/claim");
    await page.getByLabel("Server-ID").fill((trial.json.serverId as string).toLowerCase());
    await page.getByLabel("Passwort").fill("wrong-password-123456");
    await page.getByRole("button", { name: "Server übernehmen" }).click();
    await expect(page.locator("[data-field-error=serverId]")).toContainText("Unbekannte Server-ID");
    await screenshot(page, "servers-claim-error");
    await page.getByLabel("Passwort").fill(trial.json.password as string);
    await page.getByRole("button", { name: "Server übernehmen" }).click();
    await expect(page.locator("[data-server-name]")).toHaveText("Testbetrieb Lager");
    await expect(page.locator("[data-mode=trial]")).toBeVisible();
    await screenshot(page, "server-claimed-trial");
    await page.goto("/servers?mode=trial");
    await expect(page.locator(`tr[data-server="${trial.json.serverId}"]`)).toBeVisible();
    await page.goto("/servers?mode=licensed");
    await expect(page.getByText("Kein Server gefunden")).toBeVisible();
  });

  test("another organisation's server: 404 page, nothing on the stream, replayed actions change nothing", async ({
    context,
    request,
  }) => {
    let page = await context.newPage();
    test.setTimeout(120_000);
    const mine = await factories.makeOrgWithPeople();
    const theirs = await factories.makeOrgWithPeople();
    const { registerServer } = await import("@/lib/servers/register-server");
    const own = await registerServer(db, mine.owner.actor, { name: "Mein Server" });
    const foreign = await registerServer(db, theirs.owner.actor, { name: "Fremder Server" });

    expect((await request.get("/api/servers/stream")).status()).toBe(401);

    await signInAs(page.context(), mine.owner.id);
    for (const id of [foreign.id, foreign.serverId, "not-a-server", "00000000-0000-0000-0000-000000000000"]) {
      expect((await page.goto(`/servers/${id}`))?.status(), id).toBe(404);
    }
    await page.goto(`/servers/${own.id}`);
    await page.evaluate(() => {
      const w = window as unknown as { __events: { serverId: string }[]; __source: EventSource };
      w.__events = [];
      const source = new EventSource("/api/servers/stream");
      w.__source = source;
      source.addEventListener("status", (e) => w.__events.push(JSON.parse((e as MessageEvent).data)));
      return new Promise((r) => source.addEventListener("open", r));
    });
    await db.insert(serverStatusEvents).values({
      serverId: foreign.id,
      fromStatus: "never-connected",
      toStatus: "online",
      at: new Date(),
      reason: "e2e",
    });
    await db.insert(serverStatusEvents).values({
      serverId: own.id,
      fromStatus: "never-connected",
      toStatus: "online",
      at: new Date(),
      reason: "e2e",
    });
    await expect
      .poll(() =>
        page.evaluate(() => (window as unknown as { __events: { serverId: string }[] }).__events.length),
      )
      .toBeGreaterThan(0);
    const events = await page.evaluate(
      () => (window as unknown as { __events: { serverId: string }[] }).__events,
    );
    expect(events.map((e) => e.serverId)).toEqual([own.id]);
    // Browsers allow six connections per host; leave them to the page.
    await page.evaluate(() => (window as unknown as { __source: EventSource }).__source.close());

    // A replay with the own server's id works, so a refusal below is the organisation's doing.
    const control = await replayForm(page, "form:has(input[name=name]):has(input[name=server])", {
      server: own.id,
      name: "Mein Server 2",
    });
    expect(control.status()).toBe(200);
    await expect
      .poll(async () => (await db.select().from(servers).where(eq(servers.id, own.id)))[0]?.name)
      .toBe("Mein Server 2");

    const rename = await replayForm(page, "form:has(input[name=name]):has(input[name=server])", {
      server: foreign.id,
      name: "Übernommen",
    });
    expect(rename.status()).toBeLessThan(500);
    const del = await replayForm(page, "form:has(input[name=confirmName])", {
      server: foreign.id,
      confirmName: "Fremder Server",
    });
    expect(del.status()).toBeLessThan(500);
    const [row] = await db.select().from(servers).where(eq(servers.id, foreign.id));
    expect(row!.name).toBe("Fremder Server");
    expect(row!.deletedAt).toBeNull();

    // Deleting the own server through the page works (in a new page: this one holds two streams).
    page = await context.newPage();
    await page.goto(`/servers/${own.id}`);
    await page.getByText("Server löschen").click();
    await page.getByLabel("Geben Sie „Mein Server 2“ zur Bestätigung ein").fill("Mein Server");
    await page.getByRole("button", { name: "Endgültig löschen" }).click();
    await expect(page.locator("[data-field-error=confirmName]")).toBeVisible();
    await page.getByLabel("Geben Sie „Mein Server 2“ zur Bestätigung ein").fill("Mein Server 2");
    await screenshot(page, "server-delete-confirm");
    await page.getByRole("button", { name: "Endgültig löschen" }).click();
    await expect(page).toHaveURL(/\/servers$/);
    const [deleted] = await db.select().from(servers).where(eq(servers.id, own.id));
    expect(deleted!.deletedAt).not.toBeNull();
  });
});
