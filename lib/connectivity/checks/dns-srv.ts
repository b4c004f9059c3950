import { makeResolver } from "./resolve";
import { defineCheck, errorCode, green, red, skipped } from "./result";

const normalize = (name: string) => name.toLowerCase().replace(/\.$/, "");

/**
 * `_ctiwebserver._tcp.<srvDomain>` exists and one of its records names the public host and port,
 * which is how the apps find the UCServer from a bare domain. Only the DNS server is asked; the
 * target is not connected to here (the TLS check does that, guarded).
 */
export const dnsSrvCheck = defineCheck("dns-srv", 1, async (inputs, { config }) => {
  const { srvDomain, publicHost, publicPort } = inputs;
  if (!srvDomain || !publicHost || !publicPort) return skipped("missing-input", {});
  const name = `_ctiwebserver._tcp.${srvDomain}`;
  let records: Awaited<ReturnType<ReturnType<typeof makeResolver>["resolveSrv"]>>;
  try {
    records = await makeResolver(config).resolveSrv(name);
  } catch (err) {
    const code = errorCode(err);
    if (code === "ENOTFOUND" || code === "ENODATA") return red("srv-missing", { name });
    return red(code === "ETIMEOUT" ? "timeout" : "dns-error", { name, code });
  }
  const onHost = records.filter((r) => normalize(r.name) === normalize(publicHost));
  const match = onHost.find((r) => r.port === publicPort);
  if (match) {
    return green({
      name,
      target: match.name,
      port: match.port,
      priority: match.priority,
      weight: match.weight,
    });
  }
  if (onHost[0]) {
    return red("srv-wrong-port", {
      name,
      target: onHost[0].name,
      port: onHost[0].port,
      expected: publicPort,
    });
  }
  const first = records[0];
  if (!first) return red("srv-missing", { name });
  return red("srv-wrong-target", { name, target: first.name, port: first.port, expected: publicHost });
});
