import { Badge, cx } from "@/components/ui";
import type { ServerMode } from "@/lib/licenses/server-licenses";

const MODE_TONES = { licensed: "blue", trial: "amber", unlicensed: "gray" } as const;

export function ModeBadge({ mode, label }: { mode: ServerMode; label: string }) {
  return (
    <span data-mode={mode}>
      <Badge tone={MODE_TONES[mode]}>{label}</Badge>
    </span>
  );
}

/** Users in use against the entitlement; over the entitlement shows red. */
export function UsersOf({ used, of }: { used: number | null; of: number }) {
  const over = used !== null && used > of;
  return (
    <span className={cx("tabular-nums", over ? "font-semibold text-red-700" : "text-slate-700")}>
      {used ?? "–"} <span className="text-slate-400">/ {of}</span>
    </span>
  );
}
