import { z } from "zod";
import type { Db } from "@/db/client";
import type { RenderedMail } from "@/emails/layout";
import type { Actor } from "@/lib/auth/actor";
import { authorize } from "@/lib/permissions";
import { findOrgServer } from "@/lib/servers/find-org-server";
import { locale, multiline, type RawInput } from "@/lib/validation";
import { getAppLinks } from "./app-links";
import { prepareInvitationMail } from "./invitation-mail";
import { MESSAGE_MAX } from "./send-app-invitations";

export const previewSchema = z.object({
  serverId: z.string().min(1).max(64),
  message: multiline(MESSAGE_MAX).optional(),
  locale,
  name: z.string().max(120).optional(),
});

/** The invitation exactly as it will arrive, for the composer's preview. Admins and owners. */
export async function previewAppInvitation(
  db: Db,
  actor: Actor,
  raw: RawInput<typeof previewSchema>,
): Promise<RenderedMail> {
  const { org, input } = authorize(actor, "invitations.send", previewSchema, raw);
  const server = await findOrgServer(db, org.id, input.serverId, { lock: false });
  return prepareInvitationMail({
    organisationId: org.id,
    organisationName: org.name,
    serverCode: server.code,
    sender: { name: actor.name, email: actor.email },
    links: await getAppLinks(db),
    recipient: {
      name: input.name?.trim() || null,
      email: "preview@example.com",
      loginName: null,
      locale: input.locale,
    },
    message: input.message?.trim() || null,
  }).rendered;
}
