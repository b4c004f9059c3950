import { z } from "zod";
import type { Locale } from "@/db/schema";
import { text } from "@/lib/validation";

export const MAX_RECIPIENTS = 1000;

export type Recipient = {
  name: string | null;
  email: string;
  loginName: string | null;
  locale: Locale;
  line: number;
};
export type RejectedRecipient = {
  line: number;
  input: string;
  field: "email" | "name" | "loginName";
  reason: string;
};
export type RecipientCheck = { valid: Recipient[]; rejected: RejectedRecipient[] };

export type RawRecipient = { name?: unknown; email?: unknown; loginName?: unknown; locale?: unknown };

const CONTROL = /[\p{Cc}\p{Cf}\u2028\u2029]/u;
const optionalText = text(120).nullable();

/** Why an e-mail field cannot take a message, or null when it holds exactly one valid address. */
export function emailProblem(value: string): string | null {
  if (value.trim() === "") return "required";
  if (CONTROL.test(value)) return "control-characters";
  const v = value.trim();
  if ((v.match(/@/g) ?? []).length > 1 || /[,;\s]/.test(v)) return "multiple-addresses";
  if (v.length > 254) return "too-long";
  return z.email().safeParse(v).success ? null : "invalid-email";
}

/**
 * Checks each recipient on its own: a bad one is reported with its reason and line, the good ones
 * can still be sent. Addresses are compared case-insensitively; a repeat is a duplicate.
 */
export function checkRecipients(rows: RawRecipient[], defaultLocale: Locale): RecipientCheck {
  const valid: Recipient[] = [];
  const rejected: RejectedRecipient[] = [];
  const seen = new Set<string>();
  for (const [i, row] of rows.entries()) {
    const line = i + 1;
    const rawEmail = typeof row.email === "string" ? row.email : "";
    const rawName = typeof row.name === "string" && row.name.trim() !== "" ? row.name : null;
    const rawLogin = typeof row.loginName === "string" && row.loginName.trim() !== "" ? row.loginName : null;
    const input = [rawName, rawEmail, rawLogin].filter(Boolean).join("; ");
    const name = optionalText.safeParse(rawName);
    const login = optionalText.safeParse(rawLogin);
    const email = rawEmail.trim().toLowerCase();
    const emailIssue = emailProblem(rawEmail);
    // The first problem found is the one reported, in the order a person would fix them.
    const problem: [RejectedRecipient["field"], string] | null = emailIssue
      ? ["email", emailIssue]
      : !name.success
        ? ["name", name.error.issues[0]?.message ?? "invalid"]
        : !login.success
          ? ["loginName", login.error.issues[0]?.message ?? "invalid"]
          : seen.has(email)
            ? ["email", "duplicate"]
            : null;
    if (problem) {
      rejected.push({ line, input, field: problem[0], reason: problem[1] });
      continue;
    }
    seen.add(email);
    const locale = row.locale === "de" || row.locale === "en" ? row.locale : defaultLocale;
    valid.push({ name: name.data ?? null, email, loginName: login.data ?? null, locale, line });
  }
  return { valid, rejected };
}

/**
 * A pasted list: one person a line, as `address`, `Name <address>`, or fields separated by `;` or
 * tab (name; address; login name; language).
 */
export function parsePastedRecipients(pasted: string): RawRecipient[] {
  return pasted
    .split(/\r\n|\n|\r/)
    .filter((l) => l.trim() !== "")
    .map((line) => {
      const fields = line.split(/[;\t]/).map((f) => f.trim());
      if (fields.length > 1) {
        const at = fields.findIndex((f) => f.includes("@"));
        // No address at all: the second field is where it belonged, so that is what gets reported.
        if (at === -1) return { name: fields[0], email: fields[1] ?? "" };
        const rest = fields.filter((_, i) => i !== at);
        const [name, loginName, locale] = at === 0 ? [null, ...rest] : rest;
        return { name, email: fields[at], loginName, locale: locale?.toLowerCase() };
      }
      const angle = line.match(/^\s*"?([^"<]*?)"?\s*<([^>]*)>\s*$/);
      if (angle) return { name: angle[1], email: angle[2] };
      return { email: line };
    });
}
