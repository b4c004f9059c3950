import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq, inArray, sql } from "drizzle-orm";
import nodemailer from "nodemailer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mailOutbox } from "@/db/schema";
import { sqlRows } from "@/db/sql";
import { mailDeliveryHandler } from "@/lib/mail/deliver-outbox";
import { enqueueMail } from "@/lib/mail/enqueue-mail";
import { db } from "@/tests/setup/db";
import { uniq } from "../setup/factories";
import { workQueue } from "../support/jobs";
import { readMailbox, startSmtpSink } from "../support/smtp-sink";

const dir = mkdtempSync(path.join(tmpdir(), "portal-mail-"));
let sink: Awaited<ReturnType<typeof startSmtpSink>>;

beforeAll(async () => {
  sink = await startSmtpSink({ dir });
});
afterAll(async () => {
  await sink.close();
});

async function queue(n: number) {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    ids.push(
      await enqueueMail(db, {
        template: "sign-in-link",
        to: `m-${uniq()}@test.example`,
        toName: "Test Person",
        locale: i % 2 ? "en" : "de",
        props: { name: "Test Person", url: "http://127.0.0.1/sign-in/link?token=abc", expiresInMinutes: 15 },
      }),
    );
  }
  return ids;
}

/** What the job runner's mail worker does, until nothing is due. */
const deliver = (transport: nodemailer.Transporter, opts: { ignoreStartAfter?: boolean } = {}) =>
  workQueue(db, "mail.deliver", mailDeliveryHandler(db, transport), opts);

const rows = (ids: string[]) => db.select().from(mailOutbox).where(inArray(mailOutbox.id, ids));

describe("outbox delivery", () => {
  it("every queued mail reaches the SMTP server once, as HTML and text, and is marked sent", async () => {
    const ids = await queue(5);
    await deliver(nodemailer.createTransport(sink.url));
    const sent = await rows(ids);
    expect(sent.every((r) => r.status === "sent" && r.sentAt && r.attempts === 1)).toBe(true);
    const received = (await readMailbox(dir)).filter((m) =>
      ids.includes(String(m.headers.get("x-outbox-id"))),
    );
    expect(received).toHaveLength(5);
    expect(received[0]?.html).toContain("UCConnect");
    expect(received[0]?.text).toContain("http://127.0.0.1/sign-in/link?token=abc");
  });

  it("keeps mail queued while SMTP is down and delivers it once it is back", async () => {
    const ids = await queue(3);
    const down = nodemailer.createTransport("smtp://127.0.0.1:9"); // nothing listens on the discard port
    await deliver(down);
    const waiting = await rows(ids);
    expect(waiting.every((r) => r.status === "queued" && r.attempts === 1 && r.lastError)).toBe(true);
    // Their jobs wait for the back-off; taken now as if it had passed.
    await deliver(nodemailer.createTransport(sink.url), { ignoreStartAfter: true });
    expect((await rows(ids)).every((r) => r.status === "sent" && r.attempts === 2)).toBe(true);
  });

  it("marks a permanent rejection (5xx) failed with the server's reason", async () => {
    const ids = await queue(1);
    sink.state.rejectWith = { code: 550, message: "mailbox unavailable" };
    try {
      await deliver(nodemailer.createTransport(sink.url));
    } finally {
      sink.state.rejectWith = null;
    }
    const [row] = await rows(ids);
    expect(row?.status).toBe("failed");
    expect(row?.lastError).toContain("mailbox unavailable");
  });

  it("writes a mail and its delivery job in the caller's transaction: rolled back, neither exists", async () => {
    const to = `rollback-${uniq()}@test.example`;
    let id = "";
    await db
      .transaction(async (tx) => {
        id = await enqueueMail(tx, {
          template: "sign-in-link",
          to,
          locale: "de",
          props: { name: "x", url: "http://127.0.0.1/sign-in/link?token=abc", expiresInMinutes: 15 },
        });
        throw new Error("roll back");
      })
      .catch(() => {});
    expect(await db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, to))).toEqual([]);
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const jobs = await sqlRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from pgboss.job where name = 'mail.deliver' and data->>'outboxId' = ${id}`,
    );
    expect(jobs).toEqual([{ n: 0 }]);
  });

  it("refuses a recipient that carries a second header or address", async () => {
    await expect(
      enqueueMail(db, {
        template: "sign-in-link",
        to: "a@example.test\r\nBcc: x@example.test",
        locale: "de",
        props: { name: "x", url: "http://x", expiresInMinutes: 1 },
      }),
    ).rejects.toMatchObject({ code: "validation" });
  });
});
