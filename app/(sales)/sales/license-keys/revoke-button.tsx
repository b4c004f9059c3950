"use client";

import { ActionForm } from "@/components/form";
import type { FormState } from "@/lib/web/forms";

/** A red button that posts one id (`name`=`value`) to `action` once the person confirms. */
export function RevokeButton(p: {
  name: string;
  value: string;
  label: string;
  confirm: string;
  action: (s: FormState, f: FormData) => Promise<FormState>;
}) {
  return (
    <ActionForm action={p.action} className="space-y-1">
      <input type="hidden" name={p.name} value={p.value} />
      <button
        type="submit"
        onClick={(e) => {
          if (!window.confirm(p.confirm)) e.preventDefault();
        }}
        className="rounded-md px-2 py-1 text-xs font-semibold text-red-700 ring-1 ring-red-200 ring-inset hover:bg-red-50"
      >
        {p.label}
      </button>
    </ActionForm>
  );
}
