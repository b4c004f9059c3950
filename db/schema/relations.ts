/**
 * Relations for Drizzle's query API, apart from the tables: they point across domains, and kept
 * beside the tables they would make the domain files import each other in a circle.
 */
import { relations } from "drizzle-orm";
import { memberships, organisations, users } from "./accounts";
import { connectivityResults, serverConnectivity } from "./connectivity";
import { licenses, products } from "./licensing";
import { serverHeartbeats, serverSessions, serverStatusEvents, servers } from "./servers";
import { termsAcceptances, termsDocuments } from "./terms";
import { trials } from "./trials";

export const usersRelations = relations(users, ({ many }) => ({ memberships: many(memberships) }));

export const organisationsRelations = relations(organisations, ({ many }) => ({
  memberships: many(memberships),
}));

export const membershipsRelations = relations(memberships, ({ one }) => ({
  organisation: one(organisations, { fields: [memberships.organisationId], references: [organisations.id] }),
  user: one(users, { fields: [memberships.userId], references: [users.id] }),
}));

export const serversRelations = relations(servers, ({ one, many }) => ({
  organisation: one(organisations, { fields: [servers.organisationId], references: [organisations.id] }),
  sessions: many(serverSessions),
  heartbeats: many(serverHeartbeats),
  statusEvents: many(serverStatusEvents),
  licenses: many(licenses),
  trial: one(trials, { fields: [servers.id], references: [trials.serverId] }),
  connectivity: one(serverConnectivity, {
    fields: [servers.id],
    references: [serverConnectivity.serverId],
  }),
}));

export const serverConnectivityRelations = relations(serverConnectivity, ({ one, many }) => ({
  server: one(servers, { fields: [serverConnectivity.serverId], references: [servers.id] }),
  organisation: one(organisations, {
    fields: [serverConnectivity.organisationId],
    references: [organisations.id],
  }),
  results: many(connectivityResults),
}));

export const connectivityResultsRelations = relations(connectivityResults, ({ one }) => ({
  connectivity: one(serverConnectivity, {
    fields: [connectivityResults.serverId],
    references: [serverConnectivity.serverId],
  }),
}));

export const serverSessionsRelations = relations(serverSessions, ({ one }) => ({
  server: one(servers, { fields: [serverSessions.serverId], references: [servers.id] }),
}));

export const serverHeartbeatsRelations = relations(serverHeartbeats, ({ one }) => ({
  server: one(servers, { fields: [serverHeartbeats.serverId], references: [servers.id] }),
}));

export const serverStatusEventsRelations = relations(serverStatusEvents, ({ one }) => ({
  server: one(servers, { fields: [serverStatusEvents.serverId], references: [servers.id] }),
}));

export const licensesRelations = relations(licenses, ({ one }) => ({
  server: one(servers, { fields: [licenses.serverId], references: [servers.id] }),
  product: one(products, { fields: [licenses.productKey], references: [products.key] }),
}));

export const trialsRelations = relations(trials, ({ one }) => ({
  server: one(servers, { fields: [trials.serverId], references: [servers.id] }),
  organisation: one(organisations, { fields: [trials.organisationId], references: [organisations.id] }),
}));

export const termsAcceptancesRelations = relations(termsAcceptances, ({ one }) => ({
  document: one(termsDocuments, { fields: [termsAcceptances.documentId], references: [termsDocuments.id] }),
  server: one(servers, { fields: [termsAcceptances.serverId], references: [servers.id] }),
  organisation: one(organisations, {
    fields: [termsAcceptances.organisationId],
    references: [organisations.id],
  }),
}));
