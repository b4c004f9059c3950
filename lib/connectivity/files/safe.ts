import { checkHostname, checkInternalAddress, checkPublicAddress, isPort, parseIp } from "../fields";
import type { ConnectivityInputs } from "../types";

/**
 * Defensive checks before a value goes into a configuration file. The inputs schema already
 * guarantees all of this; a value that still fails here came from a caller that skipped it, and
 * writing it out could inject a directive (a newline, `;`, `{`, a quote), so generating stops.
 */
export class UnsafeValueError extends Error {
  constructor(field: string) {
    super(`connectivity files: ${field} is missing or not safe to write into a configuration file`);
    this.name = "UnsafeValueError";
  }
}

type Field = keyof ConnectivityInputs;

/** A DNS name (at least two labels, normalised), as the schema writes it. */
export function host(inputs: ConnectivityInputs, field: Field): string {
  const value = inputs[field];
  const checked = typeof value === "string" ? checkHostname(value) : undefined;
  if (!checked?.ok || checked.value !== value) throw new UnsafeValueError(field);
  return value;
}

/** An internal address (IP or LAN host name). */
export function internal(inputs: ConnectivityInputs): string {
  const value = inputs.internalAddress;
  const checked = typeof value === "string" ? checkInternalAddress(value) : undefined;
  if (!checked?.ok || checked.value !== value) throw new UnsafeValueError("internalAddress");
  return value;
}

/** An optional public address: undefined when absent, an error when present and not public. */
export function publicIp(inputs: ConnectivityInputs, field: Field): string | undefined {
  const value = inputs[field];
  if (value === undefined) return undefined;
  const checked = typeof value === "string" ? checkPublicAddress(value) : undefined;
  if (!checked?.ok || checked.value !== value) throw new UnsafeValueError(field);
  return value;
}

export function port(value: unknown, field: string): number {
  if (!isPort(value)) throw new UnsafeValueError(field);
  return value;
}

/** A name that is not a customer's but the portal's own (options): still checked, it is written too. */
export function serviceHost(value: string, field: string): string {
  const checked = checkHostname(value, { singleLabel: true });
  if (!checked.ok && !parseIp(value)) throw new UnsafeValueError(field);
  return value;
}

/** A file path for nginx: no whitespace, quotes, `;`, `{`, `}`, `$`, `#` or controls. */
export function path(value: string, field: string): string {
  if (!/^[A-Za-z0-9_./@+:-]{1,1024}$/.test(value)) throw new UnsafeValueError(field);
  return value;
}

/** `host:port` for a URL: IPv6 addresses in brackets. */
export function hostPort(address: string, p: number): string {
  return `${address.includes(":") ? `[${address}]` : address}:${p}`;
}
