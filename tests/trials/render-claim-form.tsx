import { NextIntlClientProvider } from "next-intl";
import { renderToStaticMarkup } from "react-dom/server";
import { ClaimForm } from "@/app/(portal)/servers/forms";
import { loadMessages } from "@/lib/i18n/load-messages";
import { initialFormState } from "@/lib/web/forms";

/** The claim form as the claim page renders it (German), to HTML. */
export function renderClaimForm(serverId: string | undefined): string {
  return renderToStaticMarkup(
    <NextIntlClientProvider locale="de" messages={loadMessages("de")} timeZone="Europe/Berlin">
      <ClaimForm action={async () => initialFormState} serverId={serverId} />
    </NextIntlClientProvider>,
  );
}
