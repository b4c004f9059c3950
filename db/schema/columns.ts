import { timestamp } from "drizzle-orm/pg-core";

/** Every time is stored with its time zone (UTC in, UTC out). */
export const ts = (name: string) => timestamp(name, { withTimezone: true });

export const createdAt = () => ts("created_at").notNull().defaultNow();
