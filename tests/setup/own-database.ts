import { afterAll, beforeAll } from "vitest";
import type { DbHandle } from "@/db/client";
import { setTestDatabase } from "./db";
import { openTestDatabase } from "./test-database";

/**
 * Gives this test file a migrated database of its own, in one line at the top of the file: opened
 * before its tests and dropped after them. `db` from tests/setup/db.ts, the factories and the
 * protocol harness all use it meanwhile. For files that act on every row of a table (the status
 * sweeper, publishing terms, delivering the whole outbox) and would disturb the files beside them.
 */
export function withOwnDatabase(prefix: string): { readonly handle: DbHandle & { url: string } } {
  let handle: (DbHandle & { url: string }) | undefined;
  beforeAll(async () => {
    handle = await openTestDatabase(prefix);
    setTestDatabase(handle);
  });
  afterAll(async () => {
    setTestDatabase(null);
    await handle?.close();
  });
  return {
    get handle() {
      if (!handle) throw new Error("the database opens in beforeAll");
      return handle;
    },
  };
}
