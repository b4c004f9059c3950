/** `npm run db:migrate`: applies pending migrations to DATABASE_URL (or the embedded database). */
import { closeDb } from "@/db/client";
import { migrateDb } from "@/db/migrate";

await migrateDb();
console.log("migrations applied");
await closeDb();
