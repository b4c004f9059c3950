/**
 * Servers pages under load: one organisation with 10,000 servers and 1,000,000 heartbeats over 30
 * days (plus status events and licenses), in a database of its own on the local PostgreSQL server.
 * Times, in process, exactly the use cases the two pages call: the list (page + count) and one
 * server's page (overview + 30-day usage chart) for a server that beat every minute for 30 days.
 *
 *   npm run bench:status            (ITERATIONS=200 by default)
 */
import { sql } from "drizzle-orm";
import { getServerOverview } from "@/lib/servers/get-server-overview";
import { getServerUsage } from "@/lib/servers/get-server-usage";
import { searchServers } from "@/lib/servers/search-servers";
import * as factories from "@/tests/setup/factories";
import { openBench } from "./bench-support";

const SERVERS = 10_000;
const BUSY_HEARTBEATS = 30 * 24 * 60; // one a minute for 30 days
const HEARTBEATS = 1_000_000;

const { database, db, time } = await openBench("bench_status", { iterations: 200, warmup: 20 });

type Sql = ReturnType<typeof sql>;
async function rows<T>(query: Sql): Promise<T[]> {
  // Both drivers answer execute() with { rows }; Drizzle's type for it depends on the driver.
  return ((await db.execute(query)) as unknown as { rows: T[] }).rows;
}

try {
  const people = await factories.makeOrgWithPeople();
  const org = people.org.id;
  const started = performance.now();
  // md5 hex is within the Server-ID alphabet (no I, L, O, U); the row number keeps codes unique.
  await db.execute(sql`
    insert into servers (code, name, origin, organisation_id, password_hash, status, status_changed_at,
                         last_seen_at, ucserver_version, users_total, users_mobile, users_audio_video, created_at)
    select upper(lpad(to_hex(g), 5, '0') || substr(md5(g::text), 1, 7)),
           'Server ' || lpad(g::text, 5, '0') || ' ' || (array['Berlin','Hamburg','München','Köln'])[1 + g % 4],
           'portal', ${org}::uuid, 'x',
           (array['online','online','online','late','offline','never-connected'])[1 + g % 6]::server_status,
           now() - make_interval(mins => g % 600),
           case when g % 6 = 5 then null else now() - make_interval(secs => g % 400) end,
           '6.4.0.' || (1000 + g % 50), 20 + g % 200, g % 60, g % 20,
           now() - interval '40 days'
      from generate_series(1, ${SERVERS}) g`);
  await db.execute(sql`
    insert into server_sessions (server_id, token_hash, expires_at)
    select id, md5(id::text || 'session'), now() + interval '1 day' from servers where organisation_id = ${org}::uuid`);
  const [busy] = await rows<{ id: string }>(
    sql`select id from servers where organisation_id = ${org}::uuid order by name limit 1`,
  );
  if (!busy) throw new Error("no servers");
  // The busy server: a heartbeat a minute for 30 days; the rest spread over the fleet.
  await db.execute(sql`
    insert into server_heartbeats (server_id, session_id, sequence, sent_at, received_at, clock_skew_ms,
                                   ucserver_version, users_total, users_mobile, users_audio_video)
    select s.server_id, s.id, g, now() - make_interval(mins => g), now() - make_interval(mins => g), 0,
           '6.4.0.1234', 100 + (g % 1440) / 20, 30 + (g % 1440) / 60, 5 + (g % 97) / 10
      from generate_series(1, ${BUSY_HEARTBEATS}) g, server_sessions s where s.server_id = ${busy.id}::uuid`);
  await db.execute(sql`
    with ss as (select id, server_id, row_number() over (order by id) - 1 as n from server_sessions
                 where server_id in (select id from servers where organisation_id = ${org}::uuid) and server_id <> ${busy.id}::uuid),
         cnt as (select count(*) as c from ss)
    insert into server_heartbeats (server_id, session_id, sequence, sent_at, received_at, clock_skew_ms,
                                   ucserver_version, users_total, users_mobile, users_audio_video)
    select ss.server_id, ss.id, g, t, t, 0, '6.4.0.1234', 50 + g % 50, g % 30, g % 10
      from generate_series(1, ${HEARTBEATS - BUSY_HEARTBEATS}) g
      cross join cnt
      join ss on ss.n = g % cnt.c
      cross join lateral (select now() - random() * interval '30 days' as t) r`);
  // Status changes: 20 per server over 30 days, alternating online and offline (the busy one: 400).
  await db.execute(sql`
    insert into server_status_events (server_id, from_status, to_status, at, reason, notified_at)
    select s.id,
           (case when k % 2 = 0 then 'offline' else 'online' end)::server_status,
           (case when k % 2 = 0 then 'online' else 'offline' end)::server_status,
           now() - make_interval(secs => (case when s.id = ${busy.id}::uuid then 400 else 20 end - k) *
                                          (2592000.0 / case when s.id = ${busy.id}::uuid then 400 else 20 end)),
           'bench', now()
      from servers s cross join generate_series(0, 399) k
     where s.organisation_id = ${org}::uuid and (k < 20 or s.id = ${busy.id}::uuid)`);
  // Licenses: a base and mobile users for two thirds, a running trial for a sixth, none for the rest.
  await db.execute(sql`
    insert into licenses (server_id, organisation_id, product_key, quantity, valid_from, valid_until, trial)
    select id, ${org}::uuid, p, case when p = 'mobile-users' then 1 + n % 5 else 1 end,
           now() - interval '60 days', case when n % 10 = 0 then now() - interval '1 day' else null end, false
      from (select id, row_number() over (order by id) as n from servers where organisation_id = ${org}::uuid) s
     cross join unnest(array['ucconnect-base', 'mobile-users']) p
     where n % 6 < 4
    union all
    select id, ${org}::uuid, 'mobile-users', 1, now() - interval '5 days', now() + interval '25 days', true
      from (select id, row_number() over (order by id) as n from servers where organisation_id = ${org}::uuid) s
     where n % 6 = 4`);
  await db.execute(sql`analyze`);
  const [counts] = await rows<Record<string, string>>(
    sql`select (select count(*) from servers) as servers, (select count(*) from server_heartbeats) as heartbeats,
      (select count(*) from server_status_events) as events, (select count(*) from licenses) as licenses`,
  );
  console.log(`generated in ${((performance.now() - started) / 1000).toFixed(1)} s:`, counts);

  const actor = people.member.actor;
  const first = await searchServers(db, actor, {});
  console.log(
    `first page: ${first.rows.length} rows of ${first.total}; e.g. ${first.rows[0]?.name} (${first.rows[0]?.mode})`,
  );
  const list = await time("servers page (page + count)", () => searchServers(db, actor, {}));
  await time("servers page, search 'hamburg' sorted by last seen", () =>
    searchServers(db, actor, { q: "hamburg", sort: "lastSeen" }),
  );
  await time("servers page, mode=trial", () => searchServers(db, actor, { mode: "trial" }));
  const serverPage = () =>
    Promise.all([
      getServerOverview(db, actor, { server: busy.id }),
      getServerUsage(db, actor, { server: busy.id, range: "30d" }),
    ]);
  const [overview, usage] = await serverPage();
  console.log(
    `server page: ${overview.timeline.length} timeline entries, uptime 30d ${overview.uptime["30d"]}, ${usage.points.length} chart points`,
  );
  const one = await time("server page (overview + 30-day chart)", serverPage);
  console.log(
    `servers_page_p50_ms=${Math.round(list.p50)} servers_page_p99_ms=${Math.round(list.p99)} server_page_p50_ms=${Math.round(one.p50)}`,
  );
} finally {
  await database.close();
}
