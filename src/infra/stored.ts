// JSON kept as text in the database is parsed with a zod shape where it is read, not cast: a
// row written by an older version, restored from a backup or edited by hand fails here, with
// the column named, instead of somewhere far away as an undefined.
import { z } from "zod";

export class StoredDataError extends Error {
  constructor(what: string, detail: string) {
    super(`stored ${what} is not what this version expects: ${detail}`);
  }
}

export function stored<S extends z.ZodType>(shape: S, text: string, what: string): z.output<S> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new StoredDataError(what, "not JSON");
  }
  const r = shape.safeParse(value);
  if (!r.success) throw new StoredDataError(what, r.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; "));
  return r.data;
}

/** The shapes several features keep. */
export const Ids = z.array(z.string());

/** For readers that can do without the value (an export's detail column): the fallback when it doesn't fit. */
export function storedOr<S extends z.ZodType>(shape: S, text: string, fallback: z.output<S>): z.output<S> {
  try {
    return stored(shape, text, "value");
  } catch {
    return fallback;
  }
}
