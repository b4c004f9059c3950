import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { drizzle } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/tests/setup/test-database";

// Existing trials from before the sales pipeline: migrate to 0004, write them as that schema had
// them, then apply 0005 and look at what the backfill made of them.
const MIGRATIONS = path.resolve("db/migrations");
let database: Awaited<ReturnType<typeof createTestDatabase>>;
let client: pg.Client;
let before: string;

beforeAll(async () => {
  database = await createTestDatabase("migration_0005");
  client = new pg.Client({ connectionString: database.url });
  await client.connect();
  before = mkdtempSync(path.join(tmpdir(), "migrations-"));
  cpSync(MIGRATIONS, before, { recursive: true });
  const journal = JSON.parse(readFileSync(path.join(before, "meta/_journal.json"), "utf8"));
  journal.entries = journal.entries.filter((e: { tag: string }) => e.tag < "0005");
  writeFileSync(path.join(before, "meta/_journal.json"), JSON.stringify(journal));
  await migrate(drizzle(client), { migrationsFolder: before });
});
afterAll(async () => {
  await client?.end();
  if (before) rmSync(before, { recursive: true, force: true });
  await database?.drop();
});

const one = async (q: string, params: unknown[] = []) => (await client.query(q, params)).rows[0];

describe("migration 0005 on existing trials", () => {
  it("gives each organisation one trial, converted when any of its servers got a bought license, and keeps the sales person", async () => {
    const org = (await one(`insert into organisations (name) values ('Alt GmbH') returning id`)).id;
    const seller = (
      await one(
        `insert into users (email, name, staff_roles) values ('s@v.example', 'S', '{sales}') returning id`,
      )
    ).id;
    const server = async (code: string, origin: string, organisationId: string | null) =>
      (
        await one(
          `insert into servers (code, name, origin, password_hash, organisation_id) values ($1, $1, $2, 'x', $3) returning id`,
          [code, origin, organisationId],
        )
      ).id as string;
    const trial = async (serverId: string, startedDaysAgo: number, startedBy: string | null = null) =>
      (
        await one(
          `insert into trials (server_id, starts_at, ends_at, started_by_user_id)
           values ($1, now() - make_interval(days => $2), now() + make_interval(days => 30 - $2), $3) returning id`,
          [serverId, startedDaysAgo, startedBy],
        )
      ).id as string;
    const a = await server("AAAA", "ucserver-trial", org);
    const b = await server("BBBB", "ucserver-trial", org);
    const older = await trial(a, 10);
    const newer = await trial(b, 5);
    await client.query(
      `insert into products (key, name_de, name_en) values ('p', 'P', 'P') on conflict do nothing`,
    );
    await client.query(
      `insert into licenses (server_id, organisation_id, product_key, quantity, valid_from) values ($1, $2, 'p', 5, now())`,
      [b, org],
    );
    const salesOrg = (await one(`insert into organisations (name) values ('Interessent') returning id`)).id;
    const salesTrial = await trial(await server("CCCC", "sales-trial", salesOrg), 1, seller);
    const loose = await trial(await server("DDDD", "ucserver-trial", null), 2);

    await migrate(drizzle(client), { migrationsFolder: MIGRATIONS });

    const rows = new Map(
      (
        await client.query(
          `select id, organisation_id, merged_into_id, converted_at, sales_user_id, origin from trials`,
        )
      ).rows.map((r) => [r.id, r]),
    );
    // The organisation's oldest trial is the one followed; the newer one is merged into it, and the
    // license bought on the newer one's server converts the organisation's trial.
    expect(rows.get(older)).toMatchObject({ organisation_id: org, merged_into_id: null });
    expect(rows.get(older).converted_at).toBeInstanceOf(Date);
    expect(rows.get(newer)).toMatchObject({ organisation_id: null, merged_into_id: older });
    expect(rows.get(salesTrial)).toMatchObject({
      organisation_id: salesOrg,
      origin: "sales-trial",
      sales_user_id: seller,
      converted_at: null,
    });
    expect(rows.get(loose)).toMatchObject({
      organisation_id: null,
      merged_into_id: null,
      sales_user_id: null,
    });
  });
});
