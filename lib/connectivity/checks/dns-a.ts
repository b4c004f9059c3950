import ipaddr from "ipaddr.js";
import { checkAddress } from "./guard";
import { resolveAddresses } from "./resolve";
import { defineCheck, green, red, skipped } from "./result";

function same(a: string, b: string): boolean {
  if (!ipaddr.isValid(a) || !ipaddr.isValid(b)) return a === b;
  return ipaddr.process(a).toNormalizedString() === ipaddr.process(b).toNormalizedString();
}

/**
 * The public name has an A or AAAA record, among them the public address when the customer gave
 * one. A public name pointing into a private range is the classic mistake (the internal DNS zone
 * copied outside): it is refused as `blocked-address` with the range named.
 */
export const dnsACheck = defineCheck("dns-a", 1, async (inputs, { config }) => {
  const host = inputs.publicHost;
  if (!host) return skipped("missing-input", { field: "publicHost" });
  const answer = await resolveAddresses(host, config);
  if (!answer.ok) {
    if (answer.code === "ENOTFOUND") return red("no-record", { host });
    return red(answer.code === "ETIMEOUT" ? "timeout" : "dns-error", { host, code: answer.code });
  }
  const addresses = answer.addresses.join(", ");
  for (const address of answer.addresses) {
    const verdict = checkAddress(address, config.allow);
    if (!verdict.allowed) return red("blocked-address", { host, address, range: verdict.range, addresses });
  }
  const expected = inputs.publicAddress;
  if (expected && !answer.addresses.some((a) => same(a, expected))) {
    return red("address-mismatch", { host, expected, addresses });
  }
  return green({ host, addresses });
});
