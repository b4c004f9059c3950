import { getLocale } from "next-intl/server";
import { setLocaleAction } from "@/app/_actions/preferences";
import { cx } from "./ui";

/** DE | EN toggle; posts to a server action, so it works without JavaScript too. */
export async function LocaleSwitcher({ tone = "light" }: { tone?: "light" | "dark" }) {
  const current = await getLocale();
  return (
    <form
      action={setLocaleAction}
      className="flex items-center gap-1 text-xs font-semibold"
      aria-label="Sprache / Language"
    >
      {(["de", "en"] as const).map((l) => (
        <button
          key={l}
          type="submit"
          name="locale"
          value={l}
          aria-pressed={current === l}
          lang={l}
          className={cx(
            "rounded px-2 py-1 uppercase transition-colors",
            current === l
              ? tone === "dark"
                ? "bg-white/15 text-white"
                : "bg-slate-900 text-white"
              : tone === "dark"
                ? "text-slate-400 hover:text-white"
                : "text-slate-500 hover:bg-slate-100 hover:text-slate-900",
          )}
        >
          {l}
        </button>
      ))}
    </form>
  );
}
