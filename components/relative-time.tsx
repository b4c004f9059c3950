"use client";

import { useFormatter, useNow } from "next-intl";

/**
 * A moment as relative time ("vor 5 Sekunden") that keeps ticking, the exact time on hover.
 * The text depends on the clock, so the server's and the browser's first render differ by the
 * time in between: the mismatch is expected and must not make React throw the page's server HTML
 * away (which would also reset whatever the user had already typed or chosen in its forms).
 */
export function RelativeTime({ at }: { at: string }) {
  const format = useFormatter();
  const now = useNow({ updateInterval: 5_000 });
  const date = new Date(at);
  return (
    <time
      dateTime={at}
      title={format.dateTime(date, { dateStyle: "medium", timeStyle: "medium" })}
      suppressHydrationWarning
    >
      {format.relativeTime(date, now.getTime() < date.getTime() ? date : now)}
    </time>
  );
}
