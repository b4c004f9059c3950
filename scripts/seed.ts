/** `npm run db:seed`: migrates and adds the demo organisation and accounts to any database. */
import { closeDb, db } from "@/db/client";
import { migrateDb } from "@/db/migrate";
import { DEMO_ACCOUNTS, seedDemo } from "@/db/seed";

await migrateDb();
console.log((await seedDemo(db)) ? "seeded demo data" : "demo data already present");
for (const a of DEMO_ACCOUNTS) console.log(`  ${a.email}  ${a.password}`);
await closeDb();
