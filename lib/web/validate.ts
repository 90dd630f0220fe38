/** Request validation with zod: the first problem becomes a 400 naming its field. */
import { zValidator } from "@hono/zod-validator";
import { z } from "zod";
import type { Context } from "hono";
import { AppError, invalidField } from "../errors.ts";

/** Validates the JSON body against `schema`. */
export const validJson = <T extends z.ZodType>(schema: T) =>
  zValidator("json", schema, (result) => {
    if (!result.success) {
      const issue = result.error.issues[0];
      throw invalidField(issue.path.join(".") || "body", issue.message);
    }
  });

/** Validates the query string against `schema`. */
export const validQuery = <T extends z.ZodType>(schema: T) =>
  zValidator("query", schema, (result) => {
    if (!result.success) {
      const issue = result.error.issues[0];
      throw invalidField(issue.path.join(".") || "query", issue.message);
    }
  });

/** `limit` and `offset` of a paginated list. */
export const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
});

/** `?page=` of a page's paginated table: from 1, the first by default. */
export const pageNumber = z.coerce.number().int().min(1).max(1_000_000).default(1);

/** The fields of a posted form, text fields only; an unreadable body is a 400, not a 500. */
export async function readForm(c: Context): Promise<Record<string, string>> {
  const body = await c.req.parseBody().catch(() => {
    throw new AppError(400, "invalid_request", "The form could not be read; submit it again");
  });
  return Object.fromEntries(Object.entries(body).filter((e): e is [string, string] => typeof e[1] === "string"));
}
