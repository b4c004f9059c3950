import { getTranslations } from "next-intl/server";
import { CopyButton } from "@/components/copy-value";
import { Badge, buttonClass, Card, Table, Td } from "@/components/ui";
import type { ConnectivitySetup } from "@/lib/connectivity/setup-files";

/**
 * What to set up, written out for the saved values: the DNS records and firewall rules as tables,
 * then each file with what it is for, a copy button and a download. File contents are text in a
 * <pre>, never markup.
 */
export async function SetupSection({ server, setup }: { server: string; setup: ConnectivitySetup }) {
  const t = await getTranslations("connectivity");
  const tf = await getTranslations("connectivityFiles");
  return (
    <div className="space-y-6">
      {setup.dns.length > 0 && (
        <div>
          <h3 className="mb-2 text-sm font-semibold text-slate-900">{t("setup.dnsTable")}</h3>
          <Table head={(["name", "ttl", "type", "value", "purpose"] as const).map((c) => tf(`column.${c}`))}>
            {setup.dns.map((r) => (
              <tr key={`${r.name}-${r.type}`} data-dns-record={r.type}>
                <Td className="font-mono text-xs break-all">{r.name}</Td>
                <Td className="tabular-nums">{r.ttl}</Td>
                <Td>{r.type}</Td>
                <Td className="font-mono text-xs break-all">
                  {r.value} {r.placeholder && <Badge tone="amber">{t("setup.placeholder")}</Badge>}
                </Td>
                <Td className="text-xs">{tf(`record.${r.purpose}`)}</Td>
              </tr>
            ))}
          </Table>
        </div>
      )}
      <div>
        <h3 className="mb-2 text-sm font-semibold text-slate-900">{t("setup.firewallTable")}</h3>
        <Table
          head={(["direction", "source", "destination", "port", "protocol", "purpose"] as const).map((c) =>
            tf(`column.${c}`),
          )}
        >
          {setup.firewall.map((r) => (
            <tr
              key={`${r.direction}-${r.source}-${r.destination}-${r.port}-${r.protocol}`}
              data-firewall-rule={r.purpose}
            >
              <Td>
                <Badge tone={r.direction === "inbound" ? "blue" : "gray"}>
                  {tf(`direction.${r.direction}`)}
                </Badge>
              </Td>
              <Td className="text-xs">{r.source}</Td>
              <Td className="text-xs">{r.destination}</Td>
              <Td className="font-mono text-xs">{r.port}</Td>
              <Td className="text-xs">{r.protocol}</Td>
              <Td className="text-xs">{tf.has(`rule.${r.purpose}`) ? tf(`rule.${r.purpose}`) : r.purpose}</Td>
            </tr>
          ))}
        </Table>
      </div>
      <div className="space-y-4">
        <h3 className="text-sm font-semibold text-slate-900">{t("setup.files")}</h3>
        {setup.files.map((f) => (
          <Card key={f.id} className="overflow-hidden">
            <div className="flex flex-wrap items-start justify-between gap-3 border-b border-slate-100 px-4 py-3">
              <div className="min-w-0 max-w-3xl">
                <h4 className="text-sm font-semibold text-slate-900">
                  {tf(`file.${f.id}.title`)}{" "}
                  <span className="font-mono text-xs font-normal text-slate-500">{f.filename}</span>
                </h4>
                <p className="mt-0.5 text-xs leading-relaxed text-slate-600">
                  {tf(`file.${f.id}.description`)}
                </p>
              </div>
              <div className="flex shrink-0 gap-2">
                <CopyButton value={f.content} className="w-28 justify-center" />
                <a
                  href={`/servers/${server}/connectivity/files/${f.id}`}
                  download={f.filename}
                  className={buttonClass("secondary")}
                  data-download={f.id}
                >
                  {tf("actions.download")}
                </a>
              </div>
            </div>
            <pre
              className="max-h-80 overflow-auto bg-slate-950 px-4 py-3 font-mono text-xs leading-relaxed text-slate-100"
              data-file={f.id}
            >
              {f.content}
            </pre>
          </Card>
        ))}
      </div>
    </div>
  );
}
