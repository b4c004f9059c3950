"use client";

import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { Spinner } from "@/components/form";
import { buttonClass, Notice } from "@/components/ui";

export function ConfirmLink({ token, autoSubmit = false }: { token: string; autoSubmit?: boolean }) {
  const t = useTranslations("auth");
  const [state, setState] = useState<"idle" | "pending" | "failed">("idle");
  async function go() {
    setState("pending");
    const result = await signIn("email-link", { token, redirect: false, callbackUrl: "/" });
    if (result?.ok && !result.error) window.location.assign("/");
    else setState("failed");
  }
  const started = useRef(false);
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs once for an auto-submitted token
  useEffect(() => {
    if (autoSubmit && !started.current) {
      started.current = true;
      void go();
    }
  }, [autoSubmit]);
  return (
    <div className="space-y-4">
      {state === "failed" && <Notice tone="error">{t("linkInvalid")}</Notice>}
      <button
        type="button"
        onClick={go}
        disabled={state === "pending"}
        className={buttonClass("primary", "w-full")}
      >
        {state === "pending" && <Spinner />}
        {state === "pending" ? t("signingIn") : t("linkContinue")}
      </button>
    </div>
  );
}
