"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { buttonClass } from "@/components/ui";

async function copy(text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    return;
  } catch {
    // Without clipboard permission (some browsers, plain http) select and copy the old way.
  }
  const area = document.createElement("textarea");
  area.value = text;
  document.body.append(area);
  area.select();
  document.execCommand("copy");
  area.remove();
}

/** A button that copies `value` and says for a moment that it did. */
export function CopyButton({
  value,
  className = "w-28 justify-center",
  label,
}: {
  value: string;
  className?: string;
  /** What the button says (default "Copy"), e.g. naming what it copies. */
  label?: string;
}) {
  const t = useTranslations("common");
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      className={buttonClass("secondary", className)}
      onClick={async () => {
        await copy(value);
        setCopied(true);
        setTimeout(() => setCopied(false), 2000);
      }}
    >
      {copied ? `✓ ${t("copied")}` : (label ?? t("copy"))}
    </button>
  );
}

/**
 * A secret or an ID shown once, with a copy button that says when it worked. `onTint` for a
 * coloured panel, where the value needs a white field to stand out.
 */
export function CopyValue({
  label,
  value,
  name,
  onTint = false,
}: {
  label: string;
  value: string;
  name: string;
  onTint?: boolean;
}) {
  return (
    <div>
      <p className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</p>
      <div className="mt-1 flex items-center gap-2">
        <code
          data-credential={name}
          className={`flex-1 select-all rounded-md ${onTint ? "bg-white" : "bg-slate-50"} px-3 py-2 font-mono text-base text-slate-900 ring-1 ring-slate-200 ring-inset`}
        >
          {value}
        </code>
        <CopyButton value={value} />
      </div>
    </div>
  );
}
