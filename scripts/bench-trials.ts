/**
 * The sales pipeline under load: 10,000 trials (8,000 started by sales for prospects, 2,000 started
 * by UCServers themselves, in every state: connected or not, ending, expired, extended, converted)
 * with their organisations, owners and servers, in a database of its own on the local PostgreSQL
 * server. Times, in process, exactly the use case the pipeline page calls, for each view and filter.
 *
 *   npm run bench:trials            (ITERATIONS=100 by default)
 */
import { sql } from "drizzle-orm";
import { getTrial } from "@/lib/trials/get-trial";
import { listTrialPipeline } from "@/lib/trials/list-trial-pipeline";
import * as factories from "@/tests/setup/factories";
import { openBench, quantile } from "./bench-support";

const TRIALS = 10_000;
const SELF_STARTED = 2_000;
const SALES_PEOPLE = 8;

const { database, db, time, samples } = await openBench("bench_trials", { iterations: 100, warmup: 10 });

try {
  const started = performance.now();
  const salesUsers = [];
  for (let i = 0; i < SALES_PEOPLE; i++) {
    salesUsers.push(await factories.makeUser({ staff: ["sales"], name: `Sales ${i}` }));
  }
  const salesIds = sql.raw(`array[${salesUsers.map((u) => `'${u.id}'::uuid`).join(",")}]`);
  const prospects = TRIALS - SELF_STARTED;
  await db.execute(sql`
    insert into organisations (name) select 'Prospect ' || lpad(g::text, 5, '0') || ' GmbH'
      from generate_series(1, ${prospects}) g`);
  await db.execute(sql`
    insert into users (email, name) select 'owner-' || g || '@prospect.example', 'Owner ' || g
      from generate_series(1, ${prospects}) g`);
  // Three in four prospects have accepted their owner invitation.
  await db.execute(sql`
    insert into memberships (organisation_id, user_id, role)
    select o.id, u.id, 'owner'
      from (select id, row_number() over (order by name) n from organisations where name like 'Prospect %') o
      join (select id, row_number() over (order by email) n from users where email like 'owner-%') u on u.n = o.n
     where o.n % 4 <> 0`);
  // md5 hex is within the Server-ID alphabet (no I, L, O, U); the row number keeps codes unique.
  await db.execute(sql`
    insert into servers (code, name, origin, organisation_id, password_hash, status, last_seen_at,
                         users_total, users_mobile, users_audio_video)
    select upper(lpad(to_hex(g), 5, '0') || substr(md5(g::text), 1, 7)), 'UCServer ' || g,
           case when g <= ${prospects} then 'sales-trial' else 'ucserver-trial' end::server_origin,
           o.id, 'x',
           case when g % 3 = 0 then 'never-connected' else 'online' end::server_status,
           case when g % 3 = 0 then null else now() - make_interval(secs => g % 900) end,
           case when g % 3 = 0 then null else 10 + g % 90 end,
           case when g % 3 = 0 then null else g % 40 end,
           case when g % 3 = 0 then null else g % 10 end
      from generate_series(1, ${TRIALS}) g
      left join (select id, row_number() over (order by name) n from organisations where name like 'Prospect %') o
        on o.n = g and g <= ${prospects}`);
  // Trials started over the last 45 days (so some ended), a tenth extended, a seventh converted;
  // one prospect in ten has not registered a server yet.
  await db.execute(sql`
    insert into trials (server_id, organisation_id, origin, sales_user_id, contact_name, contact_email,
                        starts_at, ends_at, extended_at, extension_days, extension_reason, converted_at)
    select case when s.n <= ${prospects} and s.n % 10 = 0 then null else s.id end,
           s.organisation_id, s.origin,
           case when s.n <= ${prospects} or s.n % 2 = 0 then (${salesIds})[1 + s.n % ${SALES_PEOPLE}] end,
           'Contact ' || s.n, 'contact-' || s.n || '@prospect.example',
           now() - make_interval(hours => (s.n * 7) % (45 * 24)),
           now() - make_interval(hours => (s.n * 7) % (45 * 24)) + interval '30 days'
             + case when s.n % 10 = 1 then interval '14 days' else interval '0' end,
           case when s.n % 10 = 1 then now() end, case when s.n % 10 = 1 then 14 end,
           case when s.n % 10 = 1 then 'bench' end,
           case when s.n % 7 = 0 then now() - interval '1 day' end
      from (select id, organisation_id, origin, (row_number() over (order by code))::int n from servers) s`);
  await db.execute(sql`analyze`);
  console.log(`generated ${TRIALS} trials in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  const anna = await factories.actorFor(salesUsers[0]!);
  const first = await listTrialPipeline(db, anna, {});
  console.log(`open view: ${first.rows.length} rows of ${first.total}; counts`, first.counts);
  await time("pipeline, open, soonest end first", () => listTrialPipeline(db, anna, {}));
  await time("pipeline, ending within 7 days", () => listTrialPipeline(db, anna, { view: "ending" }));
  await time("pipeline, never connected", () => listTrialPipeline(db, anna, { view: "never-connected" }));
  await time("pipeline, expired", () => listTrialPipeline(db, anna, { view: "expired" }));
  await time("pipeline, mine, by company", () =>
    listTrialPipeline(db, anna, { sales: "me", sort: "company" }),
  );
  await time("pipeline, unassigned, by last seen", () =>
    listTrialPipeline(db, anna, { sales: "unassigned", sort: "lastSeen" }),
  );
  await time("pipeline, search 'prospect 042'", () => listTrialPipeline(db, anna, { q: "prospect 0042" }));
  await time("pipeline, page 40 of all", () => listTrialPipeline(db, anna, { view: "all", page: 40 }));
  const pipeline = [...samples].sort((a, b) => a - b);
  const one = first.rows[0]!;
  await time("trial page", () => getTrial(db, anna, one.id));
  console.log(
    `pipeline_p50_ms=${Math.round(quantile(pipeline, 0.5))} pipeline_p99_ms=${Math.round(quantile(pipeline, 0.99))} trials=${TRIALS}`,
  );
} finally {
  await database.close();
}
