import { getTranslations } from "next-intl/server";
import QRCode from "qrcode";
import { Card } from "@/components/ui";

/** What each user enters in ProCall Mobile, with the Server-ID as a QR code to scan. */
export async function MobileAppCard({ serverId }: { serverId: string }) {
  const t = await getTranslations("servers.detail");
  const qr = await QRCode.toString(serverId, { type: "svg", margin: 1, errorCorrectionLevel: "M" });
  return (
    <Card className="p-5">
      <h2 className="mb-2 text-base font-semibold text-slate-900">{t("mobileApp")}</h2>
      <p className="text-sm text-slate-600">{t("mobileLead")}</p>
      <ul className="mt-2 space-y-1 text-sm text-slate-800">
        <li>• {t("mobileUser")}</li>
        <li>• {t("mobileSwitch")}</li>
        <li>• {t("mobileServer", { id: serverId })}</li>
      </ul>
      <div
        className="mx-auto mt-4 w-40 [&_svg]:h-auto [&_svg]:w-full"
        role="img"
        aria-label={t("qr")}
        data-qr
        // The SVG comes from the qrcode package for our own Server-ID: no user input in it.
        // biome-ignore lint/security/noDangerouslySetInnerHtml: generated SVG, see above
        dangerouslySetInnerHTML={{ __html: qr }}
      />
    </Card>
  );
}
