import type { z } from "zod";
import { AppError, validationError } from "@/lib/errors";
import { zodFieldErrors } from "@/lib/validation";
import { MAX_BODY_BYTES, type ProtocolRequest } from "./types";

export function payloadTooLarge(): AppError {
  return new AppError("payload-too-large", `The body exceeds ${MAX_BODY_BYTES} bytes`);
}

// Stateless between calls (no streaming), so one instance serves every request.
const utf8 = new TextDecoder("utf-8", { fatal: true });

/** The request body parsed as JSON and checked against `schema`: 413, or 400 naming each field. */
export function parseBody<T extends z.ZodType>(req: ProtocolRequest, schema: T): z.infer<T> {
  if (req.body === null) throw payloadTooLarge();
  let raw: unknown;
  try {
    raw = JSON.parse(utf8.decode(req.body));
  } catch {
    throw validationError([{ field: "body", message: "malformed-json" }], "The body is not valid JSON");
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw validationError(zodFieldErrors(parsed.error));
  return parsed.data;
}
