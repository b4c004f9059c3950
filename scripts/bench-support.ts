/** What the in-process benchmarks share: a database of their own, and timing with percentiles. */
import { performance } from "node:perf_hooks";
import { seedReference } from "@/db/seed-reference";
import { setTestDatabase } from "@/tests/setup/db";
import { openTestDatabase } from "@/tests/setup/test-database";

/**
 * A benchmark's setting: a migrated database of its own, with the catalogue and terms seeded, which
 * the test factories write to as well (`close` drops it); and its timer, run ITERATIONS times (the
 * environment's, else `iterations`) after `warmup` untimed runs.
 */
export async function openBench(prefix: string, opts: { iterations: number; warmup: number }) {
  const database = await openTestDatabase(prefix);
  setTestDatabase(database);
  await seedReference(database.db);
  const iterations = Number(process.env.ITERATIONS ?? opts.iterations);
  return { database, db: database.db, ...timer({ iterations, warmup: opts.warmup }) };
}

export function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

/**
 * Times `run` after `warmup` untimed runs; prints and returns p50 and p99. Every sample is also
 * kept in `samples`, for a figure over several labels.
 */
export function timer(opts: { iterations: number; warmup: number }) {
  const samples: number[] = [];
  const time = async (label: string, run: () => Promise<unknown>) => {
    for (let i = 0; i < opts.warmup; i++) await run();
    const ms: number[] = [];
    for (let i = 0; i < opts.iterations; i++) {
      const t = performance.now();
      await run();
      ms.push(performance.now() - t);
    }
    samples.push(...ms);
    ms.sort((a, b) => a - b);
    const r = { p50: quantile(ms, 0.5), p99: quantile(ms, 0.99) };
    console.log(`${label}: p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms over ${opts.iterations}`);
    return r;
  };
  return { time, samples };
}
