import { z } from "zod";
import { termsKindEnum } from "@/db/schema";
import { email, locale, text } from "@/lib/validation";

// Request bodies of the UCServer protocol (shared/ucserver-protocol.md). Zod objects drop unknown
// keys, which is what the contract asks for.

const version = text(64);
const count = z.number().int().min(0).max(10_000_000);

export const trialRequest = z.object({
  ucserverVersion: version,
  serverName: text(200),
  contactEmail: email.optional(),
  locale: locale.default("de"),
});

export const sessionRequest = z.object({
  serverId: z.string().max(64),
  password: z.string().min(1).max(256),
  ucserverVersion: version,
});

export const consentRequest = z.object({
  accept: z
    .array(z.object({ kind: z.enum(termsKindEnum.enumValues), version: text(50) }))
    .min(1)
    .max(10),
  acceptedBy: text(200),
});

export const heartbeatRequest = z.object({
  sequence: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  sentAt: z.iso.datetime({ offset: true }),
  ucserverVersion: version,
  users: z.object({ total: count, mobile: count, audioVideo: count }),
  pushDevices: count.optional(),
});

export type TrialRequest = z.infer<typeof trialRequest>;
export type SessionRequest = z.infer<typeof sessionRequest>;
export type ConsentRequest = z.infer<typeof consentRequest>;
export type HeartbeatRequest = z.infer<typeof heartbeatRequest>;
