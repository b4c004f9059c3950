import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import nodemailer from "nodemailer";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import * as schema from "@/db/schema";
import { templates } from "@/emails";
import { requestPasswordReset } from "@/lib/auth/request-password-reset";
import { mailDeliveryHandler } from "@/lib/mail/deliver-outbox";
import { enqueueMail } from "@/lib/mail/enqueue-mail";
import * as outbox from "@/lib/mail/list-outbox";
import { inviteMember } from "@/lib/orgs/invite-member";
import { db } from "@/tests/setup/db";
import * as f from "@/tests/setup/factories";
import { withOwnDatabase } from "@/tests/setup/own-database";
import { workQueue } from "@/tests/support/jobs";
import { readMailbox, startSmtpSink } from "@/tests/support/smtp-sink";

// This file plays a portal with a mail server: set before anything reads the environment. It
// delivers the whole outbox, so it has a database of its own (no other file's mail goes to its sink).
vi.hoisted(() => {
  process.env.SMTP_URL = "smtp://127.0.0.1:9";
});
withOwnDatabase("mail_secrets");

const dir = mkdtempSync(path.join(tmpdir(), "portal-outbox-secrets-"));
let sink: Awaited<ReturnType<typeof startSmtpSink>>;
beforeAll(async () => {
  sink = await startSmtpSink({ dir });
});
afterAll(async () => {
  await sink?.close();
});

/** What the job runner's mail worker does, until nothing is due. */
const deliver = () =>
  workQueue(db, "mail.deliver", mailDeliveryHandler(db, nodemailer.createTransport(sink.url)));

const operator = async () => f.actorFor(await f.makeUser({ staff: ["operator"] }));
const tokenIn = (text: string) => text.match(/token=([A-Za-z0-9_-]{20,})/)?.[1];

async function resetMailFor(email: string) {
  const [mail] = await db.select().from(schema.mailOutbox).where(eq(schema.mailOutbox.toAddress, email));
  return mail!;
}

describe("the outbox as an operator sees it, with a mail server", () => {
  it("masks a queued password-reset link in both parts; the real token never reaches the operator", async () => {
    const user = await f.makeUser({ password: "a-password-123" });
    await requestPasswordReset(db, { email: user.email, ip: "10.0.0.1" });
    const row = await resetMailFor(user.email);
    const token = tokenIn(row.text);
    expect(token).toBeTruthy();

    const seen = await outbox.getOutboxMail(db, await operator(), row.id);
    expect(seen).toMatchObject({ carriesSecret: true, linksShown: false, erased: false });
    expect(seen.text).not.toContain(token);
    expect(seen.html).not.toContain(token);
    expect(seen.text).toMatch(/reset-password\?token=•+/);
    expect(seen.html).toMatch(/reset-password\?token=•+/);
    const listed = (await outbox.listOutbox(db, await operator(), 500)).find((m) => m.id === row.id);
    expect(JSON.stringify(listed)).not.toContain(token);
  });

  it("erases the body of a sent mail that carried a one-time link and keeps its metadata; other mail keeps its body", async () => {
    const people = await f.makeOrgWithPeople();
    const invitee = `inv-${f.uniq()}@test.example`;
    await inviteMember(db, people.owner.actor, { email: invitee, role: "member", locale: "de" });
    const user = await f.makeUser({ password: "a-password-123" });
    await requestPasswordReset(db, { email: user.email, ip: "10.0.0.2" });
    const statusTo = `status-${f.uniq()}@test.example`;
    await enqueueMail(db, {
      template: "server-status",
      props: templates["server-status"].preview,
      to: statusTo,
      locale: "de",
    });
    await deliver();

    const status = await resetMailFor(statusTo);
    expect(status).toMatchObject({ status: "sent", bodyErasedAt: null });
    expect(status.text.length).toBeGreaterThan(20);

    for (const to of [invitee, user.email]) {
      const row = await resetMailFor(to);
      expect(row).toMatchObject({ status: "sent", html: "", text: "", toAddress: to });
      expect(row.bodyErasedAt).toBeInstanceOf(Date);
      expect(row.subject.length).toBeGreaterThan(0);
      const seen = await outbox.getOutboxMail(db, await operator(), row.id);
      expect(seen.erased).toBe(true);
      // The recipient got the working link all the same.
      const received = (await readMailbox(dir)).find((m) => m.headers.get("x-outbox-id") === row.id);
      expect(tokenIn(received?.text ?? "")).toBeTruthy();
    }
  });

  it("a mail that failed for good has no recipient for its link either: its body is erased too", async () => {
    const user = await f.makeUser({ password: "a-password-123" });
    await requestPasswordReset(db, { email: user.email, ip: "10.0.0.3" });
    sink.state.rejectWith = { code: 550, message: "5.1.1 mailbox unavailable" };
    try {
      await deliver();
    } finally {
      sink.state.rejectWith = null;
    }
    const row = await resetMailFor(user.email);
    expect(row).toMatchObject({ status: "failed", html: "", text: "", failure: "message-refused" });
    expect(row.lastError).toContain("550");
  });

  it("customers never open the outbox", async () => {
    const people = await f.makeOrgWithPeople();
    const user = await f.makeUser();
    await requestPasswordReset(db, { email: user.email, ip: "10.0.0.4" });
    const row = await resetMailFor(user.email);
    await expect(outbox.getOutboxMail(db, people.owner.actor, row.id)).rejects.toMatchObject({
      code: "not-found",
    });
  });
});
