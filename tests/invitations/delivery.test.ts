import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq, inArray } from "drizzle-orm";
import nodemailer from "nodemailer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appInvitations, mailOutbox } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { listAppInvitations } from "@/lib/invitations/list-app-invitations";
import { resendAppInvitation, resendFailedAppInvitations } from "@/lib/invitations/resend-app-invitations";
import { sendAppInvitations } from "@/lib/invitations/send-app-invitations";
import { mailDeliveryHandler } from "@/lib/mail/deliver-outbox";
import { registerServer } from "@/lib/servers/register-server";
import { db } from "@/tests/setup/db";
import { freePort } from "@/tests/support/free-port";
import { makeOrgWithPeople, uniq } from "../setup/factories";
import { workQueue } from "../support/jobs";
import { readMailbox, startSmtpSink } from "../support/smtp-sink";

// Retries come fast here; production waits 15 s, 30 s, 1 min, …

const dir = mkdtempSync(path.join(tmpdir(), "portal-invitations-"));
let sink: Awaited<ReturnType<typeof startSmtpSink>>;
beforeAll(async () => {
  sink = await startSmtpSink({ dir });
});
afterAll(async () => {
  await sink.close();
});

const code = (p: Promise<unknown>) =>
  p.then(
    () => "ok",
    (e: unknown) => (e instanceof AppError ? e.code : String(e)),
  );

async function setup() {
  const people = await makeOrgWithPeople();
  const server = await registerServer(db, people.admin.actor, { name: `Zentrale ${uniq()}` });
  return { ...people, server };
}

/** What the job runner's mail worker does, until nothing is due (retries taken as if their wait had passed). */
async function drain(url: string, opts: { ignoreStartAfter?: boolean } = {}) {
  const transport = nodemailer.createTransport(url);
  await workQueue(db, "mail.deliver", mailDeliveryHandler(db, transport), opts);
  transport.close();
}

describe("app invitations", () => {
  it("arrive with links, Server-ID, QR code, personal message and the recipient's language, as HTML and text", async () => {
    const { admin, server } = await setup();
    const de = `de-${uniq()}@example.test`;
    const en = `en-${uniq()}@example.test`;
    const result = await sendAppInvitations(db, admin.actor, {
      serverId: server.id,
      defaultLocale: "de",
      message: "Bitte bis Freitag einrichten.\n<b>Danke</b> & Gruß",
      recipients: [
        { name: "Dana Deutsch", email: de, loginName: "ddeutsch" },
        { name: "Emma English", email: en, locale: "en" },
      ],
    });
    expect(result).toMatchObject({ queued: 2, rejected: [] });
    await drain(sink.url);
    const mails = await readMailbox(dir);
    const mDe = mails.find((m) => m.envelopeTo.includes(de))!;
    const mEn = mails.find((m) => m.envelopeTo.includes(en))!;
    expect(mDe.subject).toContain("Ihre Einladung zu ProCall Mobile");
    expect(mEn.subject).toContain("Your invitation to ProCall Mobile");
    for (const m of [mDe, mEn]) {
      expect(m.text).toContain(server.serverId);
      expect(m.text).toContain("https://apps.apple.com/");
      expect(m.text).toContain("https://play.google.com/");
      expect(m.html).toContain(server.serverId);
      expect(m.html).toContain('aria-label="QR: ');
      // The message is plain text: shown, escaped, never markup.
      expect(m.html).toContain("&lt;b&gt;Danke&lt;/b&gt; &amp; Gruß");
      expect(m.html).not.toContain("<b>Danke</b>");
    }
    expect(mDe.text).toContain("Benutzername: ddeutsch");
    expect(mDe.text).toContain("„UCConnect verwenden“: einschalten");
    expect(mEn.text).toContain("“Use UCConnect”: on");
    expect(mDe.text).toContain("Bitte bis Freitag einrichten.");
  });

  it("refuses a recipient field that carries a Bcc header; nothing reaches the smuggled address", async () => {
    const { admin, server } = await setup();
    const ok = `ok-${uniq()}@example.test`;
    const smuggled = `x-${uniq()}@example.test`;
    const result = await sendAppInvitations(db, admin.actor, {
      serverId: server.id,
      defaultLocale: "en",
      recipients: [{ email: `a@example.test\r\nBcc: ${smuggled}` }, { email: ok }],
    });
    expect(result.queued).toBe(1);
    expect(result.rejected).toHaveLength(1);
    await drain(sink.url);
    const mails = await readMailbox(dir);
    expect(
      mails.some(
        (m) =>
          m.envelopeTo.includes(smuggled) || JSON.stringify(m.headers.get("bcc") ?? "").includes(smuggled),
      ),
    ).toBe(false);
    expect(mails.filter((m) => m.envelopeTo.includes(ok))).toHaveLength(1);
  });

  it("does not invite the same address to the same server twice a day, except by an explicit resend", async () => {
    const { admin, server } = await setup();
    const who = `twice-${uniq()}@example.test`;
    await sendAppInvitations(db, admin.actor, {
      serverId: server.id,
      defaultLocale: "de",
      recipients: [{ email: who }],
    });
    const again = await sendAppInvitations(db, admin.actor, {
      serverId: server.id,
      defaultLocale: "de",
      recipients: [{ email: who.toUpperCase() }],
    });
    expect(again.queued).toBe(0);
    expect(again.rejected[0]?.reason).toBe("already-invited");
    const [inv] = await db.select().from(appInvitations).where(eq(appInvitations.email, who));
    await resendAppInvitation(db, admin.actor, inv!.id);
    const outbox = await db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, who));
    expect(outbox).toHaveLength(2);
  });

  it("members cannot send; another organisation's server and invitations are not found", async () => {
    const a = await setup();
    const b = await setup();
    expect(
      await code(
        sendAppInvitations(db, a.member.actor, {
          serverId: a.server.id,
          defaultLocale: "de",
          recipients: [{ email: "m@example.test" }],
        }),
      ),
    ).toBe("forbidden");
    expect(
      await code(
        sendAppInvitations(db, a.admin.actor, {
          serverId: b.server.id,
          defaultLocale: "de",
          recipients: [{ email: "m@example.test" }],
        }),
      ),
    ).toBe("not-found");
    const bWho = `b-${uniq()}@example.test`;
    await sendAppInvitations(db, b.admin.actor, {
      serverId: b.server.id,
      defaultLocale: "de",
      recipients: [{ email: bWho }],
    });
    const [bInv] = await db.select().from(appInvitations).where(eq(appInvitations.email, bWho));
    expect(await code(resendAppInvitation(db, a.admin.actor, bInv!.id))).toBe("not-found");
    const listed = await listAppInvitations(db, a.admin.actor, {});
    expect(listed.invitations.some((i) => i.email === bWho)).toBe(false);
  });

  it("a permanent rejection is shown failed with the reason, and resending all failed queues them again", async () => {
    const { admin, server } = await setup();
    const who = `fail-${uniq()}@example.test`;
    await sendAppInvitations(db, admin.actor, {
      serverId: server.id,
      defaultLocale: "de",
      recipients: [{ email: who }],
    });
    sink.state.rejectWith = { code: 550, message: "no such user" };
    try {
      await drain(sink.url);
    } finally {
      sink.state.rejectWith = null;
    }
    const failed = await listAppInvitations(db, admin.actor, { status: "failed" });
    expect(failed.invitations.map((i) => i.email)).toContain(who);
    // A short reason the customer may read, never the mail server's own words (internal hosts).
    const shown = failed.invitations.find((i) => i.email === who);
    expect(shown?.failure).toBe("message-refused");
    expect(JSON.stringify(shown)).not.toContain("no such user");
    expect(await resendFailedAppInvitations(db, admin.actor)).toBeGreaterThanOrEqual(1);
    await drain(sink.url);
    const sent = await listAppInvitations(db, admin.actor, { status: "sent" });
    expect(sent.invitations.map((i) => i.email)).toContain(who);
  });
});

describe("fault: the SMTP server is down while 200 invitations are sent", () => {
  it("delivers every one exactly once after it comes back, and the list shows them sent", {
    timeout: 60_000,
  }, async () => {
    const { admin, server } = await setup();
    const port = await freePort();
    const url = `smtp://127.0.0.1:${port}`;
    const recipients = Array.from({ length: 200 }, (_, i) => ({
      email: `fault-${i}-${uniq()}@example.test`,
    }));
    const result = await sendAppInvitations(db, admin.actor, {
      serverId: server.id,
      defaultLocale: "de",
      recipients,
    });
    expect(result.queued).toBe(200);

    // Down: every attempt fails with connection refused and the mail stays queued.
    await drain(url);
    const ids = (
      await db.select().from(appInvitations).where(eq(appInvitations.batchId, result.batchId))
    ).map((r) => r.outboxId!);
    const afterDown = await db.select().from(mailOutbox).where(inArray(mailOutbox.id, ids));
    expect(
      afterDown.every(
        (m) =>
          m.status === "queued" &&
          m.attempts >= 1 &&
          /ECONNREFUSED/.test(m.lastError ?? "") &&
          m.failure === "server-unreachable",
      ),
    ).toBe(true);

    // Back up on the same address; the worker keeps going until nothing is due.
    const faultDir = mkdtempSync(path.join(tmpdir(), "portal-fault-"));
    const back = await startSmtpSink({ dir: faultDir, port });
    try {
      const until = Date.now() + 30_000;
      while (Date.now() < until) {
        await drain(url, { ignoreStartAfter: true });
        const left = (await db.select().from(mailOutbox).where(inArray(mailOutbox.id, ids))).filter(
          (m) => m.status !== "sent",
        );
        if (left.length === 0) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      const received = await readMailbox(faultDir);
      const addresses = received.flatMap((m) => m.envelopeTo);
      for (const r of recipients) expect(addresses.filter((a) => a === r.email)).toHaveLength(1);
      expect(received).toHaveLength(200);
      const listed = await listAppInvitations(db, admin.actor, { serverId: server.id, status: "sent" });
      expect(listed.total).toBe(200);
    } finally {
      await back.close();
    }
  });
});
