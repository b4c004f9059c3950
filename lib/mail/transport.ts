import nodemailer, { type Transporter } from "nodemailer";
import { env } from "@/lib/env";

const KEY = Symbol.for("ucconnect.mail-transport");
type Global = typeof globalThis & { [KEY]?: Transporter | null };

/** The SMTP transport from SMTP_URL, or null: then mail waits in the outbox for an operator to read. */
export function mailTransport(): Transporter | null {
  const g = globalThis as Global;
  if (g[KEY] === undefined) {
    const url = env().SMTP_URL;
    g[KEY] = url ? nodemailer.createTransport(url) : null;
  }
  return g[KEY];
}

/** Whether a failed attempt is worth repeating (server busy, network down) or final (5xx). */
export function isPermanentSmtpError(error: unknown): boolean {
  const code = (error as { responseCode?: number }).responseCode;
  return typeof code === "number" && code >= 500;
}
