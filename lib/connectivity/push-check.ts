import type { ServerStatus } from "@/db/schema";
import type { CheckResult, CheckState } from "./types";

const byStatus: Record<ServerStatus, { state: CheckState; reason: string }> = {
  online: { state: "green", reason: "push-online" },
  late: { state: "amber", reason: "push-late" },
  offline: { state: "red", reason: "push-offline" },
  "never-connected": { state: "red", reason: "push-never" },
};

/**
 * The push check needs no probe from outside: a UCServer that sends heartbeats reaches the portal
 * over HTTPS 443, and that is the way its push notifications go out. So its state is the server's
 * connection status, as of its last heartbeat; it is never stored, and never alerted (the status
 * e-mails already tell owners when a server goes offline).
 */
export function pushCheck(server: { status: ServerStatus }): CheckResult {
  const { state, reason } = byStatus[server.status];
  return {
    check: "push",
    state,
    reason,
    // The heartbeat's time is the page's to show (as "last heartbeat"); what was seen is the way out.
    seen: { port: 443 },
    durationMs: 0,
  };
}
