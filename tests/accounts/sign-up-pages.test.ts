import { NextIntlClientProvider } from "next-intl";
import { type ComponentProps, createElement, type ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { SignUpForm } from "@/app/(auth)/sign-up/sign-up-form";
import { ResendForm, VerifyForm } from "@/app/(auth)/verify-email/forms";
import { loadMessages } from "@/lib/i18n/load-messages";
import { initialFormState } from "@/lib/web/forms";

type ProviderProps = ComponentProps<typeof NextIntlClientProvider>;

function render(locale: "de" | "en", element: ReactElement): string {
  const props = { locale, messages: loadMessages(locale), timeZone: "Europe/Berlin" };
  return renderToStaticMarkup(createElement(NextIntlClientProvider, props as ProviderProps, element));
}

const action = async () => initialFormState;

describe("the sign-up pages' forms", () => {
  it("ask for every field, and link the very versions the consent is for", () => {
    for (const locale of ["de", "en"] as const) {
      const html = render(
        locale,
        createElement(SignUpForm, {
          action,
          defaultLocale: locale,
          licenseVersion: "2026-01",
          privacyVersion: "2026 b",
        }),
      );
      for (const name of ["company", "name", "email", "password", "confirm", "locale", "accept"]) {
        expect(html).toContain(`name="${name}"`);
      }
      expect(html).toMatch(/name="licenseTermsVersion" value="2026-01"/);
      expect(html).toMatch(/name="privacyPolicyVersion" value="2026 b"/);
      expect(html).toContain('href="/legal/license-terms/2026-01"');
      expect(html).toContain('href="/legal/privacy-policy/2026%20b"');
      expect(html).toMatch(new RegExp(`<option value="${locale}" selected`));
    }
    const de = render(
      "de",
      createElement(SignUpForm, { action, defaultLocale: "de", licenseVersion: "1", privacyVersion: "2" }),
    );
    expect(de).toContain("Lizenzbedingungen (Version 1)");
    expect(de).toContain("Datenschutzerklärung (Version 2)");
  });

  it("confirm a link with a click, and offer a new one by address", () => {
    const verify = render("de", createElement(VerifyForm, { token: "abc", next: "/overview", action }));
    expect(verify).toMatch(/name="token" value="abc"/);
    expect(verify).toContain("Bestätigen und anmelden");
    const resend = render("en", createElement(ResendForm, { action }));
    expect(resend).toContain('name="email"');
    expect(resend).toContain("Send the link again");
  });
});
