/** The connectivity assistant: each server's chosen setup and the latest result of every live check. */
import { sql } from "drizzle-orm";
import { index, integer, jsonb, pgEnum, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
import type { CheckId, CheckResult, ConnectivityInputs } from "@/lib/connectivity/types";
import { organisations, users } from "./accounts";
import { ts } from "./columns";
import { servers } from "./servers";

/** What only the generated nginx file reads: certificate and key paths, the port of the HTTP redirect. */
export type ConnectivityFileOptions = { certificatePath?: string; keyPath?: string; httpPort?: number };

export const connectivityStateEnum = pgEnum("connectivity_state", ["green", "amber", "red", "skipped"]);

/**
 * One row per server whose owners saved a scenario: the inputs as parsed by
 * lib/connectivity/inputs.ts, and the bookkeeping of its runs. Only a few of all servers have one,
 * so the daily re-run reads this small table by `last_run_at`, never the servers table.
 */
export const serverConnectivity = pgTable(
  "server_connectivity",
  {
    serverId: uuid("server_id")
      .primaryKey()
      .references(() => servers.id, { onDelete: "cascade" }),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    inputs: jsonb("inputs").$type<ConnectivityInputs>().notNull(),
    // Where the customer's nginx keeps its certificate and key and where it redirects HTTP from,
    // written into the generated file; not part of the scenario (no check reads them), so kept beside it.
    fileOptions: jsonb("file_options").$type<ConnectivityFileOptions>().notNull().default(sql`'{}'::jsonb`),
    updatedAt: ts("updated_at").notNull().defaultNow(),
    updatedBy: uuid("updated_by").references(() => users.id, { onDelete: "set null" }),
    // When the last run finished (on demand or daily); null until the first. The daily job picks
    // rows older than a day through its index.
    lastRunAt: ts("last_run_at"),
    // Set while a run is under way: a second one for the same server is refused until it ends (or
    // the mark is old enough that its process must have died).
    runStartedAt: ts("run_started_at"),
    // A "checks failing" mail went out and no "all green again" since: the next all-green run says so.
    problemAlertedAt: ts("problem_alerted_at"),
  },
  (t) => [
    index("server_connectivity_last_run_idx").on(t.lastRunAt),
    index("server_connectivity_org_idx").on(t.organisationId),
  ],
);

/**
 * The latest result of each check of a server. `state_since` is when the check entered its state
 * (kept across runs that see the same state): the alerts and the page's "red since" read it.
 */
export const connectivityResults = pgTable(
  "connectivity_results",
  {
    serverId: uuid("server_id")
      .notNull()
      .references(() => serverConnectivity.serverId, { onDelete: "cascade" }),
    check: text("check").$type<CheckId>().notNull(),
    state: connectivityStateEnum("state").notNull(),
    reason: text("reason").notNull(),
    seen: jsonb("seen").$type<CheckResult["seen"]>().notNull().default(sql`'{}'::jsonb`),
    durationMs: integer("duration_ms").notNull().default(0),
    checkedAt: ts("checked_at").notNull(),
    stateSince: ts("state_since").notNull(),
  },
  (t) => [primaryKey({ columns: [t.serverId, t.check] })],
);

export type ServerConnectivity = typeof serverConnectivity.$inferSelect;

export type ConnectivityResultRow = typeof connectivityResults.$inferSelect;
