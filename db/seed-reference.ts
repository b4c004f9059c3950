import type { Db } from "./client";

/**
 * Reference data every database needs (current terms versions, the product catalogue). Idempotent;
 * runs at every start.
 */
export async function seedReference(_db: Db): Promise<void> {}
