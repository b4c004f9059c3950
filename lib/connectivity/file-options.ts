import { z } from "zod";
import type { ConnectivityFileOptions, Locale } from "@/db/schema";
import { env } from "@/lib/env";
import type { GenerateOptions } from "./files";
import type { ConnectivityInputs } from "./types";

// An absolute path as nginx reads it in `ssl_certificate`: nothing that ends the directive (`;`),
// quotes it, starts a comment or breaks the line, so the file we write stays the file we meant.
const PATH = /^\/[A-Za-z0-9._\-/]+$/;

const given = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === "" ? undefined : v.trim()));

const path = given.pipe(
  z.string().max(255, { error: "too-long" }).regex(PATH, { error: "invalid-path" }).optional(),
);

const port = given.pipe(
  z
    .string()
    .regex(/^\d{1,5}$/, { error: "invalid-port" })
    .transform(Number)
    .pipe(z.number().int().min(1, { error: "invalid-port" }).max(65535, { error: "invalid-port" }))
    .optional(),
);

/** The nginx file's own settings; empty fields keep the generator's defaults (/etc/nginx/ssl/…, port 80). */
export const fileOptionsSchema = z.object({ certificatePath: path, keyPath: path, httpPort: port });

/** Only an nginx proxy reads these (IIS binds its certificate and redirect in its own console). */
export function usesNginxOptions(inputs: Pick<ConnectivityInputs, "proxyKind" | "publish">): boolean {
  return inputs.proxyKind === "nginx" && (inputs.publish === "proxy" || inputs.publish === "dmz");
}

/**
 * What the generators get besides the inputs: the nginx settings, this portal's own address and
 * relay for the UCConnect rules, the reader's language for the firewall list. Never the TURN secret:
 * the coturn file keeps a placeholder the customer fills in on their own server.
 */
export function generatorOptions(fileOptions: ConnectivityFileOptions, locale: Locale): GenerateOptions {
  const e = env();
  return {
    ...fileOptions,
    locale,
    ucconnect: { portalHost: new URL(e.APP_URL).hostname, turnHost: e.TURN_HOST, turnPort: e.TURN_PORT },
  };
}
