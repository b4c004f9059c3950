/**
 * The overview's fleet dashboard under load: one organisation with 10,000 servers (every status,
 * 40 UCServer versions, users reported, some without the terms), 1,000,000 heartbeats over 30 days,
 * 20 status changes per server, licenses (some ending soon, some exceeded) and a neighbour
 * organisation with 2,000 servers of its own, in a database of its own on the local PostgreSQL
 * server. Times, in process, exactly the use case the overview calls for its dashboard, and the
 * whole page's data (onboarding, trial, dashboard) beside it.
 *
 *   npm run bench:dashboard            (ITERATIONS=200 by default)
 */
import { sql } from "drizzle-orm";
import { getFleetDashboard } from "@/lib/dashboard/get-fleet-dashboard";
import { getOnboarding } from "@/lib/dashboard/get-onboarding";
import { getOrganisationTrial } from "@/lib/trials/get-organisation-trial";
import * as factories from "@/tests/setup/factories";
import { openBench } from "./bench-support";

const SERVERS = 10_000;
const NEIGHBOUR_SERVERS = 2_000;
const HEARTBEATS = 1_000_000;
const EVENTS_PER_SERVER = 20;

const { database, db, time } = await openBench("bench_dashboard", { iterations: 200, warmup: 20 });

type Sql = ReturnType<typeof sql>;
async function rows<T>(query: Sql): Promise<T[]> {
  // Both drivers answer execute() with { rows }; Drizzle's type for it depends on the driver.
  return ((await db.execute(query)) as unknown as { rows: T[] }).rows;
}

/** `count` servers of `org`; `salt` keeps Server-IDs apart between organisations. */
async function fleet(org: string, count: number, salt: string) {
  // md5 hex is within the Server-ID alphabet (no I, L, O, U); the row number keeps codes unique.
  // A server's last status change is its newest event's moment (as the portal keeps them).
  await db.execute(sql`
    insert into servers (code, name, origin, organisation_id, password_hash, status, status_changed_at,
                         last_seen_at, ucserver_version, users_total, users_mobile, users_audio_video,
                         terms_accepted, disabled_at, created_at)
    select upper(${salt} || lpad(to_hex(g), 5, '0') || substr(md5(g::text), 1, 6)),
           'Server ' || lpad(g::text, 5, '0') || ' ' || (array['Berlin','Hamburg','München','Köln'])[1 + g % 4],
           'portal', ${org}::uuid, 'x',
           (array['online','online','online','online','late','offline','never-connected'])[1 + g % 7]::server_status,
           now() - make_interval(mins => g % 600),
           case when g % 7 = 6 then null else now() - make_interval(secs => g % 400) end,
           case when g % 7 = 6 then null else '6.' || (g % 8 + 3) || '.' || (g % 5) || '.' || (1000 + g % 40) end,
           20 + g % 200, g % 60, g % 20,
           g % 50 <> 0, case when g % 500 = 0 then now() end,
           now() - interval '40 days'
      from generate_series(1, ${count}) g`);
  await db.execute(sql`
    insert into server_sessions (server_id, token_hash, expires_at)
    select id, md5(id::text || 'session'), now() + interval '1 day' from servers where organisation_id = ${org}::uuid`);
  // Status changes: 20 per connected server over 30 days, the newest at its last change, ending in its status.
  await db.execute(sql`
    insert into server_status_events (server_id, from_status, to_status, at, reason, notified_at)
    select s.id,
           (case when k = 0 then case when s.status = 'online' then 'offline' else 'online' end
                 when k % 2 = 0 then 'offline' else 'online' end)::server_status,
           (case when k = 0 then s.status::text when k % 2 = 0 then 'online' else 'offline' end)::server_status,
           s.status_changed_at - make_interval(secs => k * (2592000.0 / ${EVENTS_PER_SERVER})),
           'bench', now()
      from servers s cross join generate_series(0, ${EVENTS_PER_SERVER - 1}) k
     where s.organisation_id = ${org}::uuid and s.status <> 'never-connected'`);
  // Licenses: base and mobile and audio/video users for two thirds (a tenth of them ending within
  // two weeks, some too few for the users reported), a running trial for a sixth, none for the rest.
  await db.execute(sql`
    insert into licenses (server_id, organisation_id, product_key, quantity, valid_from, valid_until, trial)
    select id, ${org}::uuid, p,
           case when p = 'ucconnect-base' then 1 else 10 + n % 60 end,
           now() - interval '300 days',
           case when n % 10 = 0 then now() + make_interval(days => (n % 13)::int + 1) else null end, false
      from (select id, row_number() over (order by id) as n from servers where organisation_id = ${org}::uuid) s
     cross join unnest(array['ucconnect-base', 'mobile-users', 'audio-video-users']) p
     where n % 6 < 4
    union all
    select id, ${org}::uuid, p.key, p.trial_quantity, now() - interval '5 days', now() + interval '25 days', true
      from (select id, row_number() over (order by id) as n from servers where organisation_id = ${org}::uuid) s
     cross join products p
     where n % 6 = 4 and p.trial_quantity > 0`);
}

try {
  const people = await factories.makeOrgWithPeople();
  const org = people.org.id;
  const neighbour = await factories.makeOrgWithPeople();
  const started = performance.now();
  await fleet(org, SERVERS, "A");
  await fleet(neighbour.org.id, NEIGHBOUR_SERVERS, "B");
  // A million heartbeats over 30 days, spread over the organisation's sessions.
  await db.execute(sql`
    with ss as (select id, server_id, row_number() over (order by id) - 1 as n from server_sessions
                 where server_id in (select id from servers where organisation_id = ${org}::uuid)),
         cnt as (select count(*) as c from ss)
    insert into server_heartbeats (server_id, session_id, sequence, sent_at, received_at, clock_skew_ms,
                                   ucserver_version, users_total, users_mobile, users_audio_video)
    select ss.server_id, ss.id, g, t, t, 0, '6.4.0.1234', 50 + g % 50, g % 30, g % 10
      from generate_series(1, ${HEARTBEATS}) g
      cross join cnt
      join ss on ss.n = g % cnt.c
      cross join lateral (select now() - random() * interval '30 days' as t) r`);
  await db.execute(sql`analyze`);
  const [counts] = await rows<Record<string, string>>(
    sql`select (select count(*) from servers) as servers, (select count(*) from server_heartbeats) as heartbeats,
      (select count(*) from server_status_events) as events, (select count(*) from licenses) as licenses`,
  );
  console.log(`generated in ${((performance.now() - started) / 1000).toFixed(1)} s:`, counts);

  const actor = people.member.actor;
  const d = await getFleetDashboard(db, actor, { locale: "en" });
  const a = d.attention;
  console.log("counts:", d.counts);
  console.log(
    `attention: ${a.total} (offline ${a.offline.total}, terms ${a.terms ? `${a.terms.servers} servers` : "none"}, ` +
      `over license ${a.overLicense.total}, expiring ${a.expiringLicenses.total}, ` +
      `outdated ${a.outdated?.servers.total ?? 0} older than ${a.outdated?.newest ?? "–"})`,
  );
  console.log(`usage: ${d.usage.map((u) => `${u.key} ${u.used}/${u.owned}`).join(", ")}`);
  console.log(
    `recent: ${d.recent.length}, newest ${d.recent[0]?.at.toISOString()} (${d.recent[0]?.server.name})`,
  );

  const dashboard = await time("fleet dashboard", () => getFleetDashboard(db, actor, { locale: "en" }));
  await time("overview page data (trial + onboarding + dashboard)", () =>
    Promise.all([
      getOrganisationTrial(db, actor),
      getOnboarding(db, actor),
      getFleetDashboard(db, actor, { locale: "en" }),
    ]),
  );
  await time("fleet dashboard of the neighbour (2,000 servers)", () =>
    getFleetDashboard(db, neighbour.member.actor, { locale: "en" }),
  );
  console.log(`dashboard_p50_ms=${dashboard.p50.toFixed(1)} dashboard_p99_ms=${dashboard.p99.toFixed(1)}`);
} finally {
  await database.close();
}
