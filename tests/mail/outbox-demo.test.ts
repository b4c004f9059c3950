import { eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";

// This file plays the embedded demo: no mail server configured.
vi.hoisted(() => {
  delete process.env.SMTP_URL;
});

import { mailOutbox } from "@/db/schema";
import { requestSignInLink } from "@/lib/auth/request-sign-in-link";
import { getOutboxMail } from "@/lib/mail/list-outbox";
import { db } from "@/tests/setup/db";
import { actorFor, makeUser } from "@/tests/setup/factories";

const operator = async () => actorFor(await makeUser({ staff: ["operator"] }));

describe("the outbox of a portal without a mail server (the demo)", () => {
  it("shows an unsent mail's one-time link to the operator, so the demo can follow it, and says so", async () => {
    const user = await makeUser();
    await requestSignInLink(db, { email: user.email, ip: "10.1.0.1" });
    const [row] = await db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, user.email));
    const token = row!.text.match(/token=([A-Za-z0-9_-]{20,})/)![1]!;
    const seen = await getOutboxMail(db, await operator(), row!.id);
    expect(seen).toMatchObject({ carriesSecret: true, linksShown: true });
    expect(seen.text).toContain(token);
  });

  it("a mail that went out after all shows its link masked: only unsent mail of the demo reveals it", async () => {
    const user = await makeUser();
    await requestSignInLink(db, { email: user.email, ip: "10.1.0.2" });
    const [row] = await db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, user.email));
    const token = row!.text.match(/token=([A-Za-z0-9_-]{20,})/)![1]!;
    // As a process with a mail server would leave it if it had kept the body.
    await db.update(mailOutbox).set({ status: "sent", sentAt: new Date() }).where(eq(mailOutbox.id, row!.id));
    const seen = await getOutboxMail(db, await operator(), row!.id);
    expect(seen.linksShown).toBe(false);
    expect(seen.text).not.toContain(token);
    expect(seen.text).toMatch(/sign-in\/link\?token=•+/);
  });
});
