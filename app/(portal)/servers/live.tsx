"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { createContext, type ReactNode, useContext, useEffect, useState } from "react";
import { RelativeTime } from "@/components/relative-time";
import { Badge, cx } from "@/components/ui";
import type { ServerStatus } from "@/db/schema";

type Live = { status: ServerStatus; at: string };
type LiveState = { byServer: Record<string, Live>; connected: boolean };

const LiveContext = createContext<LiveState>({ byServer: {}, connected: false });

const REFRESH_MS = 10_000;

/**
 * Keeps the servers on screen current: status changes arrive over server-sent events and change the
 * badges in place; every ten seconds while the tab is visible the page's figures are refreshed.
 */
export function LiveStatusProvider({ children }: { children: ReactNode }) {
  const router = useRouter();
  const [state, setState] = useState<LiveState>({ byServer: {}, connected: false });
  useEffect(() => {
    const source = new EventSource("/api/servers/stream");
    // A change usually comes with new figures (last seen, users, version): fetch them soon, once.
    let soon: ReturnType<typeof setTimeout> | undefined;
    source.addEventListener("status", (e) => {
      clearTimeout(soon);
      soon = setTimeout(() => router.refresh(), 500);
      try {
        const data = JSON.parse((e as MessageEvent<string>).data) as { serverId: string } & Live;
        setState((s) => ({
          ...s,
          byServer: { ...s.byServer, [data.serverId]: { status: data.status, at: data.at } },
        }));
      } catch {}
    });
    source.onopen = () => setState((s) => ({ ...s, connected: true }));
    // EventSource reconnects by itself; what happened meanwhile comes with the next refresh.
    source.onerror = () => setState((s) => ({ ...s, connected: false }));
    const refresh = () => {
      if (document.visibilityState === "visible") router.refresh();
    };
    const timer = setInterval(refresh, REFRESH_MS);
    document.addEventListener("visibilitychange", refresh);
    return () => {
      source.close();
      clearTimeout(soon);
      clearInterval(timer);
      document.removeEventListener("visibilitychange", refresh);
    };
  }, [router]);
  return <LiveContext.Provider value={state}>{children}</LiveContext.Provider>;
}

const TONES = { "never-connected": "gray", online: "green", late: "amber", offline: "red" } as const;

/** The server's status: the newest of what the page was rendered with and what arrived live. */
function useLiveStatus(serverId: string, status: ServerStatus, changedAt: string): Live {
  const live = useContext(LiveContext).byServer[serverId];
  return live && Date.parse(live.at) >= Date.parse(changedAt) ? live : { status, at: changedAt };
}

export function LiveStatusBadge(props: { serverId: string; status: ServerStatus; changedAt: string }) {
  const t = useTranslations("servers.status");
  const { status } = useLiveStatus(props.serverId, props.status, props.changedAt);
  return (
    <span data-status={status} data-server-status={props.serverId}>
      <Badge tone={TONES[status]}>
        <span
          aria-hidden="true"
          className={cx(
            "mr-1.5 size-1.5 rounded-full",
            status === "online"
              ? "bg-emerald-500"
              : status === "late"
                ? "bg-amber-500"
                : status === "offline"
                  ? "bg-red-500"
                  : "bg-slate-400",
          )}
        />
        {t(status)}
      </Badge>
    </span>
  );
}

/** "Last seen" as relative time that keeps ticking, the exact time on hover. */
export function LastSeen(props: {
  serverId: string;
  lastSeenAt: string | null;
  status: ServerStatus;
  changedAt: string;
}) {
  const t = useTranslations("servers");
  const live = useLiveStatus(props.serverId, props.status, props.changedAt);
  // A change to online is a heartbeat: it is also the newest "last seen".
  const seen =
    live.status === "online" && (!props.lastSeenAt || Date.parse(live.at) > Date.parse(props.lastSeenAt))
      ? live.at
      : props.lastSeenAt;
  if (!seen) return <span className="text-slate-400">{t("never")}</span>;
  return <RelativeTime at={seen} />;
}

export function LiveIndicator() {
  const t = useTranslations("servers");
  const { connected } = useContext(LiveContext);
  return (
    <span
      className="inline-flex items-center gap-1.5 text-xs text-slate-500"
      data-live={connected ? "on" : "off"}
    >
      <span
        className={cx("size-2 rounded-full", connected ? "animate-pulse bg-emerald-500" : "bg-slate-300")}
      />
      {connected ? t("live") : t("reconnecting")}
    </span>
  );
}
