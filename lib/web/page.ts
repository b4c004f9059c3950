import { notFound } from "next/navigation";
import { isAppError } from "@/lib/errors";

/**
 * Runs a use case for a page. A refusal (not a member, too low a role, another organisation's
 * object) renders the 404 page, so a page never reveals that something exists.
 */
export async function orNotFound<T>(work: () => Promise<T> | T): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isAppError(error) && (error.code === "not-found" || error.code === "forbidden")) notFound();
    throw error;
  }
}
