import { eq } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { organisations, type ServerConnectivity, serverConnectivity, servers } from "@/db/schema";
import { env } from "@/lib/env";
import { enqueueMail } from "@/lib/mail/enqueue-mail";
import { ownerRecipients } from "@/lib/notifications/owner-recipients";
import { formatServerCode } from "@/lib/servers/server-id";
import type { CheckId, CheckResult } from "./types";

/** A check that turned red or amber in this run. */
export type AlertChange = {
  check: CheckId;
  state: "red" | "amber";
  reason: string;
  seen: CheckResult["seen"];
};

/**
 * Tells the owners who want it that checks of a server turned red or amber (`problem`), or that all
 * are green again after such a mail (`resolved`), in the transaction that stored the results. The
 * decision is kept on the server's row (`problem_alerted_at`) however many owners opted in, so a
 * "green again" follows exactly the runs that reported a problem.
 */
export async function alertConnectivity(
  tx: Tx,
  opts: { settings: ServerConnectivity; kind: "problem" | "resolved"; changes: AlertChange[] },
): Promise<number> {
  const { settings } = opts;
  await tx
    .update(serverConnectivity)
    .set({ problemAlertedAt: opts.kind === "problem" ? new Date() : null })
    .where(eq(serverConnectivity.serverId, settings.serverId));
  const [server] = await tx
    .select({ name: servers.name, code: servers.code, organisationName: organisations.name })
    .from(servers)
    .innerJoin(organisations, eq(organisations.id, settings.organisationId))
    .where(eq(servers.id, settings.serverId));
  if (!server) return 0;
  const url = `${env().APP_URL.replace(/\/$/, "")}/servers/${settings.serverId}/connectivity`;
  const recipients = await ownerRecipients(tx, settings.organisationId, "connectivity");
  for (const r of recipients) {
    await enqueueMail(tx, {
      template: "connectivity-alert",
      to: r.email,
      toName: r.name,
      locale: r.locale,
      organisationId: settings.organisationId,
      props: {
        organisationName: server.organisationName,
        serverName: server.name,
        serverId: formatServerCode(server.code),
        kind: opts.kind,
        changes: opts.changes,
        url,
      },
    });
  }
  return recipients.length;
}
