import { getTranslations } from "next-intl/server";
import { ButtonLink } from "@/components/ui";

export default async function NotFound() {
  const t = await getTranslations("notFound");
  return (
    <main className="flex min-h-[60vh] flex-col items-center justify-center px-6 text-center">
      <p className="text-sm font-semibold text-brand-600">404</p>
      <h1 className="mt-2 text-2xl font-semibold tracking-tight">{t("title")}</h1>
      <p className="mt-2 max-w-md text-sm text-slate-600">{t("body")}</p>
      <ButtonLink href="/" className="mt-6">
        {t("home")}
      </ButtonLink>
    </main>
  );
}
