// Values that come back from Slack inside our own buttons and modals (action values,
// private_metadata) are parsed, not trusted: a forged or garbled one is logged and ignored, and
// the person who sent it gets no apology for an error that isn't ours.
import { z } from "zod";

export class MalformedPayload extends Error {
  constructor(
    readonly what: string,
    readonly detail: string,
  ) {
    super(`malformed ${what}: ${detail}`);
  }
}

/** Parses `raw` with `schema` or throws MalformedPayload naming `what`. */
export function parseValue<T>(schema: z.ZodType<T>, raw: unknown, what: string): T {
  const r = schema.safeParse(raw);
  if (!r.success)
    throw new MalformedPayload(
      what,
      r.error.issues
        .map((i) => i.message)
        .join("; ")
        .slice(0, 200),
    );
  return r.data;
}

/** A view's private_metadata (JSON we wrote), parsed with `schema`; MalformedPayload otherwise. */
export function parseMeta<T>(schema: z.ZodType<T>, raw: string | undefined, what = "private_metadata"): T {
  let json: unknown;
  try {
    json = JSON.parse(raw || "{}");
  } catch {
    throw new MalformedPayload(what, "not JSON");
  }
  return parseValue(schema, json, what);
}

/** The value a block action carries: a button's value or a menu's selected option. */
export function actionValue(action: unknown): unknown {
  const a = action as { value?: unknown; selected_option?: { value?: unknown } | null };
  return a.selected_option !== undefined ? a.selected_option?.value : a.value;
}

export const isMalformed = (e: unknown): e is MalformedPayload | z.ZodError =>
  e instanceof MalformedPayload || e instanceof z.ZodError;
