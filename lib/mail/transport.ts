import nodemailer, { type Transporter } from "nodemailer";
import type { MailFailure } from "@/db/schema";

/** The SMTP transport for `smtpUrl`, reusing a few connections (the process builds one, see lib/server). */
export function createMailTransport(smtpUrl: string): Transporter {
  return nodemailer.createTransport(pooled(smtpUrl));
}

/** Whether a failed attempt is worth repeating (server busy, network down) or final (5xx). */
export function isPermanentSmtpError(error: unknown): boolean {
  const code = (error as { responseCode?: number }).responseCode;
  return typeof code === "number" && code >= 500;
}

/** Reuses a few SMTP connections instead of one per mail, unless the URL says otherwise. */
function pooled(url: string): string {
  const u = new URL(url);
  if (!u.searchParams.has("pool")) u.searchParams.set("pool", "true");
  if (!u.searchParams.has("maxConnections")) u.searchParams.set("maxConnections", "10");
  return u.toString();
}

/**
 * The reason a customer may be shown for a failed attempt: the SMTP server's own words can carry
 * internal host names and addresses, so they stay in `last_error` for operators.
 */
export function classifySmtpError(error: unknown): MailFailure {
  const e = error as { responseCode?: number; code?: string; command?: string };
  if (typeof e.responseCode === "number" && e.responseCode >= 500) {
    return e.code === "EENVELOPE" || /^RCPT/i.test(e.command ?? "")
      ? "recipient-rejected"
      : "message-refused";
  }
  if (typeof e.responseCode === "number" && e.responseCode >= 400) return "deferred";
  if (["ECONNECTION", "ETIMEDOUT", "ESOCKET", "EDNS", "ECONNREFUSED", "ECONNRESET"].includes(e.code ?? "")) {
    return "server-unreachable";
  }
  return "error";
}
