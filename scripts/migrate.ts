/** `npm run db:migrate`: applies pending migrations to DATABASE_URL (or the embedded database). */
import { migrateDb } from "@/db/migrate";
import { closePortal, portal } from "@/lib/server/portal";

await migrateDb(portal().database);
console.log("migrations applied");
await closePortal();
