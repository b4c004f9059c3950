import type { ServerUsage } from "@/lib/servers/get-server-usage";

const W = 640;
const H = 200;
const PAD = { left: 36, right: 8, top: 10, bottom: 24 };
const SERIES = [
  { key: "total", color: "#2563eb" },
  { key: "mobile", color: "#059669" },
  { key: "audioVideo", color: "#d97706" },
] as const;

/** Users over time as a plain SVG, drawn on the server: no chart library shipped to the browser. */
export function UsageChart({
  usage,
  labels,
  locale,
  timeZone,
}: {
  usage: ServerUsage;
  labels: Record<(typeof SERIES)[number]["key"], string>;
  locale: string;
  timeZone: string;
}) {
  const from = usage.from.getTime();
  const span = Math.max(1, usage.to.getTime() - from);
  const max = Math.max(1, ...usage.points.map((p) => p.total));
  // Four steps of 1, 2 or 5 × 10^k, so the grid reads in round numbers.
  const raw = max / 4;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((v) => v >= raw) ?? raw;
  const niceMax = Math.max(4, Math.ceil(step) * 4);
  const x = (t: number) => PAD.left + ((t - from) / span) * (W - PAD.left - PAD.right);
  const y = (v: number) => PAD.top + (1 - v / niceMax) * (H - PAD.top - PAD.bottom);
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => niceMax * f);
  const long = span > 2 * 86_400_000;
  const fmt = new Intl.DateTimeFormat(
    locale,
    long ? { day: "2-digit", month: "2-digit", timeZone } : { hour: "2-digit", minute: "2-digit", timeZone },
  );
  const xTicks = [0, 0.25, 0.5, 0.75, 1].map((f) => from + span * f);
  // A gap longer than three buckets means the server was away: the line breaks there.
  const paths = SERIES.map((s) => {
    let d = "";
    let prev = -Infinity;
    for (const p of usage.points) {
      const t = p.at.getTime() + usage.bucketMs / 2;
      d += `${t - prev > usage.bucketMs * 3 ? "M" : "L"}${x(t).toFixed(1)},${y(p[s.key]).toFixed(1)} `;
      prev = t;
    }
    return { ...s, d };
  });
  return (
    <figure>
      <svg
        viewBox={`0 0 ${W} ${H}`}
        className="h-auto w-full"
        role="img"
        aria-label={labels.total}
        data-chart-points={usage.points.length}
      >
        {ticks.map((v) => (
          <g key={v}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(v)} y2={y(v)} stroke="#e2e8f0" strokeWidth="1" />
            <text x={PAD.left - 6} y={y(v) + 3} textAnchor="end" fontSize="10" fill="#64748b">
              {v}
            </text>
          </g>
        ))}
        {xTicks.map((t, i) => (
          <text
            key={t}
            x={x(t)}
            y={H - 6}
            fontSize="10"
            fill="#64748b"
            textAnchor={i === 0 ? "start" : i === xTicks.length - 1 ? "end" : "middle"}
          >
            {fmt.format(new Date(t))}
          </text>
        ))}
        {paths.map((p) => (
          <path key={p.key} d={p.d} fill="none" stroke={p.color} strokeWidth="1.75" strokeLinejoin="round" />
        ))}
        {usage.points.length === 1 &&
          paths.map((p) => {
            const only = usage.points[0];
            return only ? (
              <circle
                key={p.key}
                cx={x(only.at.getTime() + usage.bucketMs / 2)}
                cy={y(only[p.key])}
                r="3"
                fill={p.color}
              />
            ) : null;
          })}
      </svg>
      <figcaption className="mt-2 flex flex-wrap gap-4 text-xs text-slate-600">
        {SERIES.map((s) => (
          <span key={s.key} className="inline-flex items-center gap-1.5">
            <span className="h-0.5 w-4 rounded" style={{ backgroundColor: s.color }} />
            {labels[s.key]}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}
