import type { Scenario } from "@/lib/connectivity/types";

type Kind = "apps" | "net" | "edge" | "ucserver" | "relay";
type Node = { id: string; label: string; kind: Kind; x: number; y: number };
type Zone = { label: string; x: number; w: number; tone: "lan" | "dmz" };
type Edge = [from: string, to: string, style?: "outbound"];
type Picture = { nodes: Node[]; zones: Zone[]; edges: Edge[] };

const ROW = 40;
const LOW = 80;
const n = (id: string, label: string, kind: Kind, x: number, y = ROW): Node => ({ id, label, kind, x, y });
const apps = (x = 30) => n("apps", "Apps", "apps", x);
const internet = (x: number) => n("net", "Internet", "net", x);
const ucserver = (x = 268) => n("uc", "UCServer", "ucserver", x);
const lan = (x: number): Zone => ({ label: "LAN", x, w: 298 - x, tone: "lan" });

// The guide's pictures, one per leaf of its decision tree: where the apps are, what they pass on the
// way in, and which way the connection is opened (dashed: the UCServer connects outwards only). A
// router or firewall sits on the LAN's edge.
const pictures: Record<Scenario, Picture> = {
  lan: {
    nodes: [apps(160), ucserver(250), n("ucc", "UCConnect", "relay", 44, LOW)],
    zones: [lan(112)],
    edges: [
      ["apps", "uc"],
      ["uc", "ucc", "outbound"],
    ],
  },
  forwarding: {
    nodes: [apps(), internet(110), n("rt", "Router", "edge", 190), ucserver()],
    zones: [lan(190)],
    edges: [
      ["apps", "net"],
      ["net", "rt"],
      ["rt", "uc"],
    ],
  },
  proxy: {
    nodes: [
      apps(),
      internet(90),
      n("rt", "Router", "edge", 150),
      n("px", "Proxy", "edge", 210),
      ucserver(270),
    ],
    zones: [lan(150)],
    edges: [
      ["apps", "net"],
      ["net", "rt"],
      ["rt", "px"],
      ["px", "uc"],
    ],
  },
  dmz: {
    nodes: [
      apps(),
      internet(90),
      n("rt", "Firewall", "edge", 150),
      n("px", "Proxy", "edge", 211),
      ucserver(271),
    ],
    zones: [{ label: "DMZ", x: 181, w: 60, tone: "dmz" }, lan(243)],
    edges: [
      ["apps", "net"],
      ["net", "rt"],
      ["rt", "px"],
      ["px", "uc"],
    ],
  },
  ucconnect: {
    nodes: [apps(), n("ucc", "UCConnect", "relay", 145), ucserver()],
    zones: [lan(225)],
    edges: [
      ["apps", "ucc"],
      ["uc", "ucc", "outbound"],
    ],
  },
  "own-turn": {
    nodes: [
      apps(),
      internet(105),
      n("rt", "Router/Proxy", "edge", 188),
      ucserver(),
      n("turn", "STUN/TURN", "relay", 140, LOW),
    ],
    zones: [lan(188)],
    edges: [
      ["apps", "net"],
      ["net", "rt"],
      ["rt", "uc"],
      ["net", "turn"],
      ["uc", "turn"],
    ],
  },
};

const fills: Record<Kind, string> = {
  apps: "fill-brand-50 stroke-brand-500",
  net: "fill-slate-50 stroke-slate-400",
  edge: "fill-amber-50 stroke-amber-500",
  ucserver: "fill-emerald-50 stroke-emerald-600",
  relay: "fill-violet-50 stroke-violet-500",
};

const H = 22;
/** A box as wide as its label needs (10 px type), at least 48. */
const width = (node: Node) => Math.max(48, Math.round(node.label.length * 5.8 + 12));

/**
 * A small picture of a scenario for the chooser: apps → Internet → router, proxy or DMZ → UCServer,
 * with TURN or UCConnect where the scenario has them. Decorative: the card's title says the same.
 */
export function ScenarioDiagram({ scenario }: { scenario: Scenario }) {
  const p = pictures[scenario];
  const at = new Map(p.nodes.map((node) => [node.id, node]));
  return (
    <svg viewBox="0 0 300 96" aria-hidden="true" className="h-auto w-full" data-diagram={scenario}>
      <defs>
        <marker
          id={`arrow-${scenario}`}
          viewBox="0 0 6 6"
          refX="5"
          refY="3"
          markerWidth="5"
          markerHeight="5"
          orient="auto"
        >
          <path d="M0,0 L6,3 L0,6 z" className="fill-slate-400" />
        </marker>
      </defs>
      {p.zones.map((z) => (
        <g key={z.label}>
          <rect
            x={z.x}
            y={8}
            width={z.w}
            height={84}
            rx={8}
            className={
              z.tone === "lan" ? "fill-emerald-50/40 stroke-emerald-300" : "fill-amber-50/40 stroke-amber-300"
            }
            strokeDasharray="4 3"
          />
          <text x={z.x + 6} y={20} className="fill-slate-500 text-[9px] font-semibold">
            {z.label}
          </text>
        </g>
      ))}
      {p.edges.map(([from, to, style]) => {
        const a = at.get(from)!;
        const b = at.get(to)!;
        const dx = b.x - a.x;
        const dy = b.y - a.y;
        const len = Math.hypot(dx, dy) || 1;
        // Lines end at the boxes' edges (approximately), not at their centres.
        const cut = (node: Node) => (Math.abs(dx) > Math.abs(dy) * 2 ? width(node) / 2 + 2 : H / 2 + 3);
        const [x1, y1] = [a.x + (dx / len) * cut(a), a.y + (dy / len) * cut(a)];
        const [x2, y2] = [b.x - (dx / len) * cut(b), b.y - (dy / len) * cut(b)];
        return (
          <line
            key={`${from}-${to}`}
            x1={x1}
            y1={y1}
            x2={x2}
            y2={y2}
            className="stroke-slate-400"
            strokeWidth={1.4}
            strokeDasharray={style === "outbound" ? "3 2" : undefined}
            markerEnd={`url(#arrow-${scenario})`}
          />
        );
      })}
      {p.nodes.map((node) => (
        <g key={node.id}>
          <rect
            x={node.x - width(node) / 2}
            y={node.y - H / 2}
            width={width(node)}
            height={H}
            rx={5}
            className={fills[node.kind]}
            strokeWidth={1.2}
          />
          <text
            x={node.x}
            y={node.y + 3.5}
            textAnchor="middle"
            className="fill-slate-800 text-[10px] font-medium"
          >
            {node.label}
          </text>
        </g>
      ))}
    </svg>
  );
}
