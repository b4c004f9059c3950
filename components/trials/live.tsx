"use client";

import { useRouter } from "next/navigation";
import { useFormatter, useNow } from "next-intl";
import { useEffect } from "react";

/**
 * Refreshes the page's figures every ten seconds while the tab is visible, so a trial's server
 * showing up, its last heartbeat and its users appear without a reload.
 */
export function AutoRefresh({ everyMs = 10_000 }: { everyMs?: number }) {
  const router = useRouter();
  useEffect(() => {
    const refresh = () => {
      if (document.visibilityState === "visible") router.refresh();
    };
    const timer = setInterval(refresh, everyMs);
    document.addEventListener("visibilitychange", refresh);
    return () => {
      clearInterval(timer);
      document.removeEventListener("visibilitychange", refresh);
    };
  }, [router, everyMs]);
  return null;
}

/** A moment as relative time that keeps ticking, the exact time on hover. */
export function RelativeTime({ at }: { at: string }) {
  const format = useFormatter();
  const now = useNow({ updateInterval: 5_000 });
  const date = new Date(at);
  return (
    <time dateTime={at} title={format.dateTime(date, { dateStyle: "medium", timeStyle: "medium" })}>
      {format.relativeTime(date, now.getTime() < date.getTime() ? date : now)}
    </time>
  );
}
