import { and, desc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import * as schema from "@/db/schema";
import { currentSignUpDocuments } from "@/lib/accounts/sign-up-documents";
import { AppError } from "@/lib/errors";
import { type RawValues, rawValues } from "@/lib/validation";
import { uniq } from "@/tests/setup/factories";

export const randomIp = () =>
  `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250) + 1}`;

/** A complete, valid sign-up as the form sends it, with the current versions the page shows. */
export async function signUpForm(db: Db, overrides: Record<string, unknown> = {}) {
  const docs = await currentSignUpDocuments(db);
  const version = (kind: string) => docs.find((d) => d.kind === kind)?.version;
  const values = {
    company: `Firma ${uniq()} GmbH`,
    name: "Erika Mustermann",
    email: `signup-${uniq()}@test.example`,
    password: "a-good-password-1",
    confirm: "a-good-password-1",
    locale: "de",
    accept: "on",
    licenseTermsVersion: version("license-terms"),
    privacyPolicyVersion: version("privacy-policy"),
    ...overrides,
  };
  // As a form sends them: raw values, which only the use case parses.
  return rawValues(values) as RawValues & typeof values;
}

/** The code of an AppError a promise rejects with (and its reason), or "ok". */
export async function outcome(p: Promise<unknown>): Promise<string> {
  return p.then(
    () => "ok",
    (e: unknown) => {
      if (!(e instanceof AppError)) throw e;
      return e.reason && e.code !== "validation" ? `${e.code}:${e.reason}` : e.code;
    },
  );
}

export async function mailsTo(db: Db, address: string, template?: string) {
  return db
    .select()
    .from(schema.mailOutbox)
    .where(
      template
        ? and(eq(schema.mailOutbox.toAddress, address), eq(schema.mailOutbox.template, template))
        : eq(schema.mailOutbox.toAddress, address),
    )
    .orderBy(desc(schema.mailOutbox.createdAt));
}

export function tokenIn(text: string, path = "/verify-email?"): string {
  const m = text.match(new RegExp(`${path.replace("?", "\\?")}token=([A-Za-z0-9_-]+)`));
  if (!m?.[1]) throw new Error(`no token for ${path}`);
  return m[1];
}

/** The token of the newest verification mail to `address`. */
export async function verificationToken(db: Db, address: string): Promise<string> {
  const [mail] = await mailsTo(db, address, "verify-email");
  if (!mail) throw new Error(`no verification mail to ${address}`);
  return tokenIn(mail.text);
}
