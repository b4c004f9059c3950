import { and, eq, like, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { mailOutbox, rateLimits, trials } from "@/db/schema";
import { sqlRows } from "@/db/sql";
import { renderTrialClaim, trialClaimPreview } from "@/emails/trial-claim";
import { env } from "@/lib/env";
import { claimLinks } from "@/lib/trials/claim-links";
import { safeCallbackUrl } from "@/lib/web/safe-redirect";
import { db } from "@/tests/setup/db";
import * as f from "@/tests/setup/factories";
import { call, randomIp, servedApi } from "../protocol/harness";

const api = servedApi();

type Started = { serverId: string; password: string; trial: { endsAt: string } };

async function startTrial(body: Record<string, unknown>) {
  const res = await call(api, "POST", "/trials", {
    body: { ucserverVersion: "6.4.0.1234", serverName: "UCServer Zentrale", ...body },
    ip: randomIp(),
  });
  expect(res.status).toBe(201);
  return res.json as Started;
}

async function claimMailsTo(address: string) {
  return db
    .select()
    .from(mailOutbox)
    .where(and(eq(mailOutbox.template, "trial-claim"), eq(mailOutbox.toAddress, address)))
    .orderBy(mailOutbox.createdAt);
}

const appUrl = env().APP_URL.replace(/\/$/, "");

describe("the mail to the contact of a self-started trial", () => {
  it("goes once, in the trial's locale, with the Server-ID and the links, never the password or the server's name", async () => {
    const address = `it-${f.uniq()}@claim.example`;
    const serverName = `Evil <a href="https://phish.example">Klick</a> ${f.uniq()}`;
    const t = await startTrial({ serverName, contactEmail: address.toUpperCase(), locale: "en" });

    const [mail, ...more] = await claimMailsTo(address);
    expect(more).toEqual([]);
    expect(mail).toMatchObject({ locale: "en", organisationId: null, status: "queued" });
    expect(mail!.subject).toBe(`Your UCServer started a UCConnect trial (Server ID ${t.serverId})`);
    const date = new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeZone: "UTC" }).format(
      new Date(t.trial.endsAt),
    );
    const claimPath = `/servers/claim?serverId=${t.serverId}`;
    const signUp = `${appUrl}/sign-up?next=${encodeURIComponent(claimPath)}`;
    for (const body of [mail!.text, mail!.html]) {
      expect(body).toContain(t.serverId);
      expect(body).toContain(date);
      expect(body).not.toContain(t.password);
      expect(body).not.toContain("phish.example");
      expect(body).not.toContain("Klick");
    }
    expect(mail!.text).toContain(`${appUrl}${claimPath}`);
    expect(mail!.text).toContain(signUp);
    expect(mail!.html).toContain(`href="${signUp}"`);
    expect(mail!.html).toContain(`href="${appUrl}${claimPath}"`);
    // Added with the trial, in its transaction: the delivery job exists too.
    const jobs = await sqlRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from pgboss.job where name = 'mail.deliver' and data->>'outboxId' = ${mail!.id}`,
    );
    expect(jobs).toEqual([{ n: 1 }]);
  });

  it("is German by default, and not sent without a contact address", async () => {
    const address = `kontakt-${f.uniq()}@claim.example`;
    const t = await startTrial({ contactEmail: address });
    const [mail] = await claimMailsTo(address);
    expect(mail!.locale).toBe("de");
    expect(mail!.subject).toBe(
      `Ihr UCServer hat einen Testbetrieb von UCConnect gestartet (Server-ID ${t.serverId})`,
    );
    expect(mail!.text).toContain("Konto anlegen und UCServer übernehmen");

    const silent = await startTrial({});
    const mentions = await db
      .select({ id: mailOutbox.id })
      .from(mailOutbox)
      .where(and(eq(mailOutbox.template, "trial-claim"), like(mailOutbox.text, `%${silent.serverId}%`)));
    expect(mentions).toEqual([]);
  });

  it("reaches one address at most once a day, while the trials themselves all start", async () => {
    const address = `spam-${f.uniq()}@claim.example`;
    const first = await startTrial({ contactEmail: address });
    const second = await startTrial({ contactEmail: address, locale: "en" });
    const third = await startTrial({ contactEmail: address.toUpperCase() });
    expect(new Set([first.serverId, second.serverId, third.serverId]).size).toBe(3);
    const started = await db.select().from(trials).where(eq(trials.contactEmail, address));
    expect(started).toHaveLength(3);
    const mails = await claimMailsTo(address);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.text).toContain(first.serverId);

    // A day later the address may hear about a new trial again.
    await db
      .update(rateLimits)
      .set({ windowStart: sql`now() - interval '25 hours'` })
      .where(eq(rateLimits.key, `trial-claim-mail:${address}`));
    const later = await startTrial({ contactEmail: address });
    expect((await claimMailsTo(address)).map((m) => m.text.includes(later.serverId))).toEqual([false, true]);
  });
});

describe("the claim links", () => {
  it("lead to sign-up with the claim form as an on-site `next`, and to the claim form", () => {
    const links = claimLinks("https://portal.example/", "7K3MQ9TX2HBD");
    expect(links.serverId).toBe("7K3M-Q9TX-2HBD");
    expect(links.claimUrl).toBe("https://portal.example/servers/claim?serverId=7K3M-Q9TX-2HBD");
    const signUp = new URL(links.signUpUrl);
    expect(signUp.origin + signUp.pathname).toBe("https://portal.example/sign-up");
    const next = signUp.searchParams.get("next")!;
    expect(next).toBe("/servers/claim?serverId=7K3M-Q9TX-2HBD");
    expect(safeCallbackUrl(next)).toBe(next);
    // The whole path is one parameter: its own "?" and "=" are encoded.
    expect(links.signUpUrl).toBe(
      "https://portal.example/sign-up?next=%2Fservers%2Fclaim%3FserverId%3D7K3M-Q9TX-2HBD",
    );
  });

  it("the template renders in German and English with both links", () => {
    for (const locale of ["de", "en"] as const) {
      const mail = renderTrialClaim(trialClaimPreview, locale);
      expect(mail.text).toContain(trialClaimPreview.signUpUrl);
      expect(mail.text).toContain(trialClaimPreview.claimUrl);
      expect(mail.html).toContain(`href="${trialClaimPreview.claimUrl}"`);
      expect(mail.text).toContain(trialClaimPreview.serverId);
    }
    expect(renderTrialClaim(trialClaimPreview, "de").text).toContain("Guten Tag,");
    expect(renderTrialClaim(trialClaimPreview, "en").text).toContain("Hello,");
  });
});
