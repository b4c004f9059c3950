export type TrialState = "open" | "expired" | "converted";

/** Where a trial stands at `now`: converted is final; otherwise it is open until its end. */
export function trialState(t: { endsAt: Date; convertedAt: Date | null }, now: Date): TrialState {
  if (t.convertedAt) return "converted";
  return t.endsAt <= now ? "expired" : "open";
}
