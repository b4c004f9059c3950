/** `npm run db:seed`: migrates and adds the demo organisation and accounts to any database. */
import { migrateDb } from "@/db/migrate";
import { DEMO_ACCOUNTS, seedDemo } from "@/db/seed";
import { closePortal, portal } from "@/lib/server/portal";

await migrateDb(portal().database);
console.log((await seedDemo(portal().db)) ? "seeded demo data" : "demo data already present");
for (const a of DEMO_ACCOUNTS) console.log(`  ${a.email}  ${a.password}`);
await closePortal();
