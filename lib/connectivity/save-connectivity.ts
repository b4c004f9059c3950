import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { type ConnectivityFileOptions, connectivityResults, serverConnectivity } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import { type Actor, auditActor } from "@/lib/auth/actor";
import { validationError } from "@/lib/errors";
import { authorize } from "@/lib/permissions";
import { findOrgServer } from "@/lib/servers/find-org-server";
import { formatServerCode } from "@/lib/servers/server-id";
import { type RawValues, zodFieldErrors } from "@/lib/validation";
import { fileOptionsSchema, usesNginxOptions } from "./file-options";
import { parseConnectivityInputs } from "./inputs";
import type { ConnectivityInputs } from "./types";

const serverSchema = z.object({ server: z.string().trim().min(1).max(64) });

/** The form's values: the server, the scenario's fields (inputs.ts reads them) and the certificate paths. */
export type SaveConnectivityInput = RawValues | ({ server: string } & Record<string, unknown>);

/**
 * An owner or admin saves a server's scenario and its inputs. Every bad field comes back with its
 * code and nothing changes. When the setup changed, the stored results go with the old setup: they
 * answered for other names and ports (the page then asks for a new run). Audited with what changed.
 */
export async function saveConnectivity(
  db: Db,
  actor: Actor,
  raw: SaveConnectivityInput,
): Promise<{ changed: boolean }> {
  const { org, input } = authorize(actor, "connectivity.manage", serverSchema, raw);
  const values = raw as Record<string, unknown>;
  const parsed = parseConnectivityInputs(values);
  const files = fileOptionsSchema.safeParse(values);
  const fields: Record<string, string> = {
    ...(parsed.ok ? {} : parsed.fieldErrors),
    ...(files.success
      ? {}
      : Object.fromEntries(zodFieldErrors(files.error).map((f) => [f.field, f.message]))),
  };
  if (parsed.ok && files.success && usesNginxOptions(parsed.inputs)) {
    // nginx cannot serve the redirect and HTTPS on one port.
    if (files.data.httpPort === parsed.inputs.publicPort) fields.httpPort = "port-conflict";
  }
  if (!parsed.ok || !files.success || Object.keys(fields).length > 0) {
    throw validationError(Object.entries(fields).map(([field, message]) => ({ field, message })));
  }
  const inputs = parsed.inputs;
  const fileOptions: ConnectivityFileOptions = usesNginxOptions(inputs) ? clean(files.data) : {};

  return db.transaction(async (tx) => {
    const server = await findOrgServer(tx, org.id, input.server);
    const [before] = await tx
      .select()
      .from(serverConnectivity)
      .where(eq(serverConnectivity.serverId, server.id));
    const changedKeys = before ? differingKeys(before.inputs, inputs) : Object.keys(inputs);
    const filesChanged = !before || stable(before.fileOptions) !== stable(fileOptions);
    if (before && changedKeys.length === 0 && !filesChanged) return { changed: false };
    const row = { inputs, fileOptions, updatedAt: new Date(), updatedBy: actor.userId };
    await tx
      .insert(serverConnectivity)
      .values({ serverId: server.id, organisationId: org.id, ...row })
      .onConflictDoUpdate({ target: serverConnectivity.serverId, set: row });
    if (before && changedKeys.length > 0) {
      await tx.delete(connectivityResults).where(eq(connectivityResults.serverId, server.id));
    }
    await recordAudit(tx, auditActor(actor), {
      organisationId: org.id,
      action: "connectivity.saved",
      targetType: "server",
      targetId: server.id,
      details: { serverId: formatServerCode(server.code), scenario: inputs.scenario, changed: changedKeys },
    });
    return { changed: true };
  });
}

function clean(o: ConnectivityFileOptions): ConnectivityFileOptions {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

/** The input fields whose values differ, sorted (inputs hold only plain strings and numbers). */
function differingKeys(a: ConnectivityInputs, b: ConnectivityInputs): string[] {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]) as Set<keyof ConnectivityInputs>;
  return [...keys].filter((k) => a[k] !== b[k]).sort();
}

function stable(o: object): string {
  return JSON.stringify(Object.entries(o).sort(([x], [y]) => x.localeCompare(y)));
}
