import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

/**
 * A real SMTP server on loopback that stores every message it accepts as an .eml file. STARTTLS is
 * off (the library's built-in certificate has expired). `rejectWith` lets a test make it fail.
 */
export async function startSmtpSink(opts: { dir: string; port?: number }) {
  mkdirSync(opts.dir, { recursive: true });
  let seq = 0;
  const state = { rejectWith: null as null | { code: number; message: string } };
  const server = new SMTPServer({
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        if (state.rejectWith) {
          const err = Object.assign(new Error(state.rejectWith.message), {
            responseCode: state.rejectWith.code,
          });
          return callback(err);
        }
        const to = session.envelope.rcptTo.map((r) => r.address).join(",");
        const file = path.join(opts.dir, `${Date.now()}-${process.pid}-${++seq}.eml`);
        writeFileSync(file, Buffer.concat([Buffer.from(`X-Envelope-To: ${to}\r\n`), ...chunks]));
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, "127.0.0.1", resolve));
  const address = server.server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    state,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type ReceivedMail = ParsedMail & { envelopeTo: string[] };

/** Every message stored in `dir`, parsed, oldest first. */
export async function readMailbox(dir: string): Promise<ReceivedMail[]> {
  let files: string[] = [];
  try {
    files = readdirSync(dir)
      .filter((f) => f.endsWith(".eml"))
      .sort();
  } catch {
    return [];
  }
  return Promise.all(
    files.map(async (f) => {
      const raw = readFileSync(path.join(dir, f));
      const parsed = await simpleParser(raw);
      const envelope = raw.toString("utf8").match(/^X-Envelope-To: (.*)\r\n/)?.[1] ?? "";
      return Object.assign(parsed, { envelopeTo: envelope.split(",").filter(Boolean) });
    }),
  );
}

/** Waits until a message to `address` matching `filter` arrives, and returns it. */
export async function waitForMail(
  dir: string,
  address: string,
  filter: (m: ReceivedMail) => boolean = () => true,
  timeoutMs = 15_000,
): Promise<ReceivedMail> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const found = (await readMailbox(dir)).reverse().find((m) => m.envelopeTo.includes(address) && filter(m));
    if (found) return found;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no mail to ${address} within ${timeoutMs} ms`);
}
