import { isAppError } from "@/lib/errors";

/**
 * A use case's refusal as a browser route handler answers it, in plain text. As for pages
 * (`orNotFound`), a refusal of the caller ("forbidden", "not-found") is 404, so a route never
 * reveals that something exists; "rate-limited" is 429 with Retry-After; every other code its own
 * status. Anything that is no AppError is rethrown for Next to log.
 */
export function routeErrorResponse(error: unknown): Response {
  if (!isAppError(error)) throw error;
  if (error.code === "forbidden" || error.code === "not-found") {
    return new Response("Not found", { status: 404 });
  }
  const headers: Record<string, string> = { "content-type": "text/plain; charset=utf-8" };
  if (error.code === "rate-limited") headers["retry-after"] = String(error.retryAfterSeconds ?? 60);
  return new Response(error.message, { status: error.status, headers });
}
