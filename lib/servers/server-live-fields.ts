import { CLOCK_SKEW_WARN_MS } from "@/lib/heartbeats/sweep-statuses";

type Reported = {
  usersTotal: number | null;
  usersMobile: number | null;
  usersAudioVideo: number | null;
  clockSkewMs: number | null;
};

/** The user counts a server last reported; null before its first heartbeat. */
export type ReportedUsers = { total: number; mobile: number; audioVideo: number } | null;

/** The user counts of the last heartbeat, or null before the first one. */
export function reportedUsers(
  s: Pick<Reported, "usersTotal" | "usersMobile" | "usersAudioVideo">,
): ReportedUsers {
  return s.usersTotal === null
    ? null
    : { total: s.usersTotal, mobile: s.usersMobile ?? 0, audioVideo: s.usersAudioVideo ?? 0 };
}

/** The server's clock differs from ours by more than five minutes: worth telling its owner. */
export function clockSkewSuspect(s: Pick<Reported, "clockSkewMs">): boolean {
  return s.clockSkewMs !== null && Math.abs(s.clockSkewMs) > CLOCK_SKEW_WARN_MS;
}
