import { z } from "zod";
import { fieldErrorMap, msg, zodFieldErrors } from "@/lib/validation";
import { checkHostname, checkInternalAddress, checkPublicAddress, fieldCode, parentDomain } from "./fields";
import {
  type ConnectivityInputs,
  PROXY_KINDS,
  type PublishMethod,
  type Scenario,
  STUN_TURN_PORT,
  UCSERVER_HTTP_PORT,
  UCSERVER_HTTPS_PORT,
} from "./types";

/**
 * The connectivity assistant's form, parsed per scenario: each scenario reads only its own fields
 * (anything else the form still holds is dropped unchecked), fills the guide's defaults and answers
 * one stable code per bad field.
 */

/** What the proxy scenarios listen on for the HTTP→HTTPS redirect; the HTTPS port must differ. */
const REDIRECT_PORT = 80;

type Checker = (raw: string) => { ok: true; value: string } | { ok: false; code: string };

// Form values arrive as strings; an empty one means "not given".
const formString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === "" ? undefined : v.trim()));

type Ctx = { issues: z.core.$ZodRawIssue[] };

function apply(check: Checker, v: string, ctx: Ctx): string {
  const result = check(v);
  if (result.ok) return result.value;
  ctx.issues.push({ code: "custom", message: result.code, input: v });
  return z.NEVER;
}

/** A text field checked by one of fields.ts's rules: "required" when empty. */
const required = (check: Checker) =>
  formString.transform((v, ctx): string => {
    if (v !== undefined) return apply(check, v, ctx);
    ctx.issues.push({ code: "custom", message: msg.required, input: v });
    return z.NEVER;
  });

/** A text field checked by one of fields.ts's rules: absent when empty. */
const optional = (check: Checker) =>
  formString.transform((v, ctx) => (v === undefined ? undefined : apply(check, v, ctx)));

const hostname: Checker = (v) => checkHostname(v);

/** A port as typed ("7225") or as a number; an empty field takes `fallback`. */
function port(fallback: number) {
  return z
    .union([z.string(), z.number()], { error: fieldCode.port })
    .optional()
    .transform((v) => {
      if (typeof v !== "string") return v;
      const t = v.trim();
      if (t === "") return undefined;
      return /^\d{1,5}$/.test(t) ? Number(t) : Number.NaN;
    })
    .pipe(
      z
        .number({ error: fieldCode.port })
        .int({ error: fieldCode.port })
        .min(1, { error: fieldCode.port })
        .max(65535, { error: fieldCode.port })
        .default(fallback),
    );
}

function choice<const T extends readonly [string, ...string[]]>(values: T, invalid: string) {
  return formString.pipe(
    z.enum(values, { error: (iss) => (iss.input === undefined ? msg.required : invalid) }),
  );
}

const internal = (needed: boolean) => ({
  internalAddress: needed ? required(checkInternalAddress) : optional(checkInternalAddress),
  internalHttpPort: port(UCSERVER_HTTP_PORT),
  internalHttpsPort: port(UCSERVER_HTTPS_PORT),
});

const published = (method: PublishMethod) => ({
  ...internal(true),
  publicHost: required(hostname),
  srvDomain: optional(hostname),
  publicAddress: optional(checkPublicAddress),
  publicPort: port(method === "forwarding" ? UCSERVER_HTTPS_PORT : 443),
});

const proxyKind = choice(PROXY_KINDS, fieldCode.proxyKind);

const turn = {
  turnHost: required(hostname),
  turnPort: port(STUN_TURN_PORT),
  turnExternalIp: optional(checkPublicAddress),
  turnRealm: optional(hostname),
};

function discriminatorError(key: string, invalid: string) {
  return (iss: { input?: unknown }) => {
    const value =
      typeof iss.input === "object" && iss.input ? (iss.input as Record<string, unknown>)[key] : "";
    return value === undefined || (typeof value === "string" && value.trim() === "") ? msg.required : invalid;
  };
}

const ownTurnOn = <M extends PublishMethod>(method: M) =>
  z.object({ scenario: z.literal("own-turn"), publish: z.literal(method), ...published(method), ...turn });

const ownTurn = z.discriminatedUnion(
  "publish",
  [ownTurnOn("forwarding"), ownTurnOn("proxy").extend({ proxyKind }), ownTurnOn("dmz").extend({ proxyKind })],
  { error: discriminatorError("publish", fieldCode.publish) },
);

const union = z.discriminatedUnion(
  "scenario",
  [
    z.object({ scenario: z.literal("lan"), ...internal(false) }),
    z.object({ scenario: z.literal("ucconnect"), ...internal(false) }),
    z.object({ scenario: z.literal("forwarding"), ...published("forwarding") }),
    z.object({ scenario: z.literal("proxy"), ...published("proxy"), proxyKind }),
    z.object({ scenario: z.literal("dmz"), ...published("dmz"), proxyKind }),
    ownTurn,
  ],
  { error: discriminatorError("scenario", fieldCode.scenario) },
);

type Parsed = z.output<typeof union>;

/** Fills what derives from other fields, and checks what spans fields. */
function complete(v: Parsed, ctx: Ctx): ConnectivityInputs {
  const out: ConnectivityInputs = { ...v };
  if (v.scenario === "lan" || v.scenario === "ucconnect") return withoutUndefined(out);
  out.publish = v.scenario === "own-turn" ? v.publish : v.scenario;
  if (out.publish !== "forwarding" && v.publicPort === REDIRECT_PORT) {
    ctx.issues.push({
      code: "custom",
      message: fieldCode.portConflict,
      path: ["publicPort"],
      input: v.publicPort,
    });
  }
  out.srvDomain = v.srvDomain ?? parentDomain(v.publicHost);
  if (!out.srvDomain) {
    ctx.issues.push({ code: "custom", message: msg.required, path: ["srvDomain"], input: undefined });
  }
  if (v.scenario === "own-turn") {
    out.turnRealm = v.turnRealm ?? out.srvDomain ?? parentDomain(v.turnHost);
    if (!out.turnRealm) {
      ctx.issues.push({ code: "custom", message: msg.required, path: ["turnRealm"], input: undefined });
    }
  }
  return withoutUndefined(out);
}

function withoutUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, x]) => x !== undefined)) as T;
}

/** The assistant form's schema: raw form values in, `ConnectivityInputs` out. */
export const connectivityInputsSchema = union.transform(complete);

/** The form's values as the UI holds them (strings, or numbers for ports). */
export type ConnectivityForm = z.input<typeof connectivityInputsSchema>;

export type ParsedInputs =
  | { ok: true; inputs: ConnectivityInputs }
  | { ok: false; fieldErrors: Record<string, string> };

/** Parses the assistant form; bad fields come back as `{ field: code }`, as forms show them. */
export function parseConnectivityInputs(raw: Record<string, unknown>): ParsedInputs {
  const parsed = connectivityInputsSchema.safeParse(raw);
  if (parsed.success) return { ok: true, inputs: parsed.data };
  return { ok: false, fieldErrors: fieldErrorMap(zodFieldErrors(parsed.error, "_form")) };
}

/** What the form starts with for a scenario: the guide's ports and the usual choices. */
export function defaultInputs(scenario: Scenario): Partial<ConnectivityInputs> & { scenario: Scenario } {
  const ports = { internalHttpPort: UCSERVER_HTTP_PORT, internalHttpsPort: UCSERVER_HTTPS_PORT };
  switch (scenario) {
    case "lan":
    case "ucconnect":
      return { scenario, ...ports };
    case "forwarding":
      return { scenario, publish: "forwarding", publicPort: UCSERVER_HTTPS_PORT, ...ports };
    case "proxy":
    case "dmz":
      return { scenario, publish: scenario, proxyKind: "nginx", publicPort: 443, ...ports };
    case "own-turn":
      return {
        scenario,
        publish: "proxy",
        proxyKind: "nginx",
        publicPort: 443,
        turnPort: STUN_TURN_PORT,
        ...ports,
      };
  }
}
