import { and, eq, gt, isNull, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { isTokenShaped, randomToken, sha256 } from "@/lib/crypto";

/**
 * The tokens of e-mailed links (invitations, sign-in links, password resets). The link carries 256
 * random bits; the row keeps only their SHA-256 and an expiry, and stops working once used. Each
 * table names its own "used" columns (used, accepted, revoked…).
 */
export type LinkToken = {
  /** Goes into the link, never into the database. */
  token: string;
  tokenHash: string;
  expiresAt: Date;
};

/** The columns of a table of link tokens. */
export type LinkTokenColumns = {
  tokenHash: AnyPgColumn;
  expiresAt: AnyPgColumn;
  /** Set once the link has been used up, by use or by withdrawal. */
  spent: AnyPgColumn[];
};

/** A fresh token valid for `ttlMs`: store its hash and expiry, mail the token. */
export function newLinkToken(ttlMs: number): LinkToken {
  const token = randomToken();
  return { token, tokenHash: sha256(token), expiresAt: new Date(Date.now() + ttlMs) };
}

/** Rows whose link still works: not expired and not spent. */
export function linkStillWorks(columns: Omit<LinkTokenColumns, "tokenHash">): SQL {
  return and(gt(columns.expiresAt, new Date()), ...columns.spent.map((c) => isNull(c)))!;
}

/**
 * The row a link's token opens, while the link still works. Null for anything that cannot be one
 * of our tokens, which is refused before any lookup.
 */
export function openedByLink(columns: LinkTokenColumns, token: string): SQL | null {
  if (!isTokenShaped(token)) return null;
  return and(eq(columns.tokenHash, sha256(token)), linkStillWorks(columns))!;
}
