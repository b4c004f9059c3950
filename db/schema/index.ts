// One Drizzle schema, a file per domain; everything is imported from "@/db/schema".
export * from "./accounts";
export * from "./connectivity";
export * from "./invitations";
export * from "./licensing";
export * from "./mail";
export * from "./relations";
export * from "./servers";
export * from "./terms";
export * from "./trials";
