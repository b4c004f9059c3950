import { env } from "@/lib/env";
import { MAX_TURN_TTL_SECONDS } from "./turn-credentials";

export type TurnConfiguration = {
  /** Whether TURN_SECRET is set, i.e. turn-credentials hands out credentials instead of turn-unavailable. */
  configured: boolean;
  host: string;
  port: number;
  /** How long issued credentials hold, after the cap coturn is given here. */
  ttlSeconds: number;
};

/**
 * Whether this portal has a TURN server to hand out, and where. Never the secret: this feeds pages,
 * and the secret lets anyone mint credentials for every server.
 */
export function turnConfiguration(): TurnConfiguration {
  const e = env();
  return {
    configured: !!e.TURN_SECRET,
    host: e.TURN_HOST,
    port: e.TURN_PORT,
    ttlSeconds: Math.min(e.TURN_TTL_SECONDS, MAX_TURN_TTL_SECONDS),
  };
}
