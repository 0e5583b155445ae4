// JSON kept as text in the database is parsed with a zod shape where it is read, not cast: a
// row written by an older version, restored from a backup or edited by hand fails here, with
// the column named, instead of somewhere far away as an undefined.
import { z } from "zod";

export class StoredDataError extends Error {
  constructor(what: string, detail: string) {
    super(`stored ${what} is not what this version expects: ${detail}`);
  }
}

/**
 * A stored JSON value read with its shape. It comes as text from a text column (and from a Json
 * column read with plain SQL on SQLite) or already parsed (a Json column through Prisma, or jsonb
 * through node-postgres).
 */
export function stored<S extends z.ZodType>(shape: S, raw: unknown, what: string): z.output<S> {
  let value: unknown = raw;
  if (typeof raw === "string") {
    try {
      value = JSON.parse(raw);
    } catch {
      throw new StoredDataError(what, "not JSON");
    }
  }
  const r = shape.safeParse(value);
  if (!r.success)
    throw new StoredDataError(
      what,
      r.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; "),
    );
  return r.data;
}

/** The shapes several features keep. */
export const Ids = z.array(z.string());

/** For readers that can do without the value (an export's detail column): the fallback when it doesn't fit. */
export function storedOr<S extends z.ZodType>(shape: S, raw: unknown, fallback: z.output<S>): z.output<S> {
  try {
    return stored(shape, raw, "value");
  } catch {
    return fallback;
  }
}

/** A Json column's value as it came from plain SQL: text on SQLite, already parsed on PostgreSQL. */
export const jsonOf = (raw: unknown): unknown => (typeof raw === "string" ? JSON.parse(raw) : raw);
