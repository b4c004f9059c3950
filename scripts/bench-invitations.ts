/**
 * `npm run bench:invitations`: 1,000 app invitations queued in one request and delivered by the
 * outbox worker to a real SMTP server on loopback, against the real PostgreSQL server (a database
 * of its own, dropped afterwards). Last line: `queue_ms=N deliver_per_s=M`.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { createTestDatabase } from "@/tests/setup/test-database";

const COUNT = Number(process.argv[process.argv.indexOf("--count") + 1]) || 1000;
const database = await createTestDatabase("bench_invitations");
const dir = mkdtempSync(path.join(tmpdir(), "bench-invitations-"));
// The SMTP server runs in a process of its own, as a real one would, so it takes no CPU from the sender.
const sinkProcess = spawn(process.execPath, ["--import", "tsx", "tests/support/smtp-sink-process.ts", dir], {
  stdio: ["ignore", "pipe", "inherit"],
});
const [firstLine] = await createInterface({ input: sinkProcess.stdout! })
  [Symbol.asyncIterator]()
  .next()
  .then((r) => [r.value as string]);
const sink = {
  url: `smtp://127.0.0.1:${(JSON.parse(firstLine!) as { port: number }).port}${process.env.BENCH_SMTP_QUERY ?? ""}`,
};
Object.assign(process.env, {
  DATABASE_URL: database.url,
  AUTH_SECRET: "bench-secret-bench-secret-bench-secret-01",
  SMTP_URL: sink.url,
  NODE_ENV: "production",
});

try {
  const { closePortal, portal } = await import("@/lib/server/portal");
  const { migrateDb } = await import("@/db/migrate");
  const { seedReference } = await import("@/db/seed-reference");
  const { makeOrgWithPeople } = await import("@/tests/setup/factories");
  const { registerServer } = await import("@/lib/servers/register-server");
  const { sendAppInvitations } = await import("@/lib/invitations/send-app-invitations");
  const { mailDeliveryHandler } = await import("@/lib/mail/deliver-outbox");
  const { createJobRunner } = await import("@/lib/jobs/runner");
  const { mailOutbox } = await import("@/db/schema");
  const { eq, sql } = await import("drizzle-orm");

  const p = portal();
  const { db } = p;
  await migrateDb(p.database);
  await seedReference(db);
  // The portal's own job runner, running before anything is queued, as in a live process.
  const transport = p.mailTransport;
  if (!transport) throw new Error("no transport");
  const runner = createJobRunner({
    database: p.database,
    listener: p.listener,
    handlers: { "mail.deliver": mailDeliveryHandler(db, transport) },
  });
  await runner.start();
  const { admin } = await makeOrgWithPeople();
  const server = await registerServer(db, admin.actor, { name: "Bench" });
  const recipients = Array.from({ length: COUNT }, (_, i) => ({
    name: `Person ${i}`,
    email: `person-${i}@bench.example`,
    loginName: `p${i}`,
    locale: i % 2 ? "en" : "de",
  }));

  const queueStart = performance.now();
  const result = await sendAppInvitations(db, admin.actor, {
    serverId: server.id,
    defaultLocale: "de",
    message: "Willkommen bei ProCall Mobile.",
    recipients,
  });
  const queueMs = performance.now() - queueStart;
  if (result.queued !== COUNT) throw new Error(`queued ${result.queued} of ${COUNT}`);

  // Delivered: from the moment they were queued until the last is marked sent.
  const deliverStart = performance.now() - queueMs;
  for (;;) {
    const [row] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(mailOutbox)
      .where(eq(mailOutbox.status, "sent"));
    if ((row?.n ?? 0) >= COUNT) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  const deliverS = (performance.now() - deliverStart) / 1000;
  await runner.stop();

  const received = readdirSync(dir).length;
  if (received !== COUNT) throw new Error(`the SMTP server received ${received} of ${COUNT}`);
  console.log(
    `${COUNT} invitations: queued in ${queueMs.toFixed(0)} ms, delivered in ${deliverS.toFixed(2)} s, received ${received}`,
  );
  await closePortal();
  console.log(`queue_ms=${Math.round(queueMs)} deliver_per_s=${Math.round(COUNT / deliverS)}`);
} finally {
  sinkProcess.kill("SIGTERM");
  await database.drop();
  rmSync(dir, { recursive: true, force: true });
}
