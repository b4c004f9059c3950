import type { ProxyKind, PublishMethod, Scenario } from "@/lib/connectivity/types";

/** A field of the form: the scenario's inputs (lib/connectivity/inputs.ts) or the nginx file's own. */
export type FieldName =
  | "publicHost"
  | "srvDomain"
  | "publicAddress"
  | "publicPort"
  | "internalAddress"
  | "internalHttpPort"
  | "internalHttpsPort"
  | "turnHost"
  | "turnPort"
  | "turnExternalIp"
  | "turnRealm"
  | "certificatePath"
  | "keyPath"
  | "httpPort";

export type FieldGroup = { id: "public" | "internal" | "turn" | "nginx"; fields: FieldName[] };

/** The nginx file's settings are this area's, worded under `connectivity`; the rest under `connectivityFiles`. */
export const FILE_OPTION_FIELDS: FieldName[] = ["certificatePath", "keyPath", "httpPort"];

/** How the scenario publishes the web services, if it does. */
export function publishMethod(scenario: Scenario, publish: PublishMethod): PublishMethod | null {
  if (scenario === "own-turn") return publish;
  return scenario === "forwarding" || scenario === "proxy" || scenario === "dmz" ? scenario : null;
}

/**
 * The fields a scenario asks for, grouped as the customer thinks of them (outside, inside, TURN, the
 * proxy's file), mirroring what lib/connectivity/inputs.ts reads for it; what a scenario does not
 * read is not shown, so nothing is asked in vain.
 */
export function fieldGroups(scenario: Scenario, publish: PublishMethod, proxyKind: ProxyKind): FieldGroup[] {
  const method = publishMethod(scenario, publish);
  const internal: FieldGroup = {
    id: "internal",
    fields: ["internalAddress", "internalHttpPort", "internalHttpsPort"],
  };
  if (!method) return [internal];
  const groups: FieldGroup[] = [
    { id: "public", fields: ["publicHost", "srvDomain", "publicAddress", "publicPort"] },
    internal,
  ];
  if (scenario === "own-turn") {
    groups.push({ id: "turn", fields: ["turnHost", "turnPort", "turnExternalIp", "turnRealm"] });
  }
  if (method !== "forwarding" && proxyKind === "nginx")
    groups.push({ id: "nginx", fields: FILE_OPTION_FIELDS });
  return groups;
}
