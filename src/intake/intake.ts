// Data that comes in from outside Slack's conversations (reviews, metrics): one shape that a
// feature fills in, and the ways in that it then gets: the webhook (JSON batch or NDJSON stream),
// the Import message shortcut, and the command-line import. A feature says how to read its rows
// and how to store them; the ways in are written once.
import type { Config } from "../config.ts";
import type { Deps } from "../deps.ts";
import type { MessageKey } from "../infra/i18n.ts";

export interface Problem {
  row: number;
  field: string;
  message: string;
}

export interface Batch<T> {
  items: T[];
  problems: Problem[];
}

export type LineVerdict<T> = { ok: true; item: T } | { ok: false; problems: Problem[] };

/** Storing rows as they stream in, and the totals at the end. */
export interface Stream<T> {
  add(items: T[]): Promise<void>;
  finish(): Promise<Record<string, number>>;
}

export interface Intake<T> {
  kind: "metrics" | "reviews";
  /** POST path of the webhook, and the setting that holds its bearer token. */
  path: string;
  tokenSetting: "METRICS_WEBHOOK_TOKEN" | "REVIEWS_WEBHOOK_TOKEN";
  /** A JSON body (an array, or the feature's wrapper object) read into rows. */
  readJson(text: string, config: Config): Batch<T>;
  /** A file (CSV in UTF-8, UTF-8 with BOM or GBK; JSON; NDJSON) read into rows. */
  readFile(bytes: Buffer, name: string, config: Config): Batch<T>;
  /** One NDJSON line (already parsed) read into a row. */
  readLine(value: unknown, row: number, config: Config): LineVerdict<T>;
  /** Stores rows at once; the totals say what happened (stored, replaced, duplicates…). */
  store(deps: Deps, items: T[]): Promise<Record<string, number>>;
  /** Stores rows as a stream brings them. */
  stream(deps: Deps): Stream<T>;
  /** The Import message shortcut: its callback id and the answer's message key. */
  shortcut: { callbackId: string; result: MessageKey };
  /** `npm run import:<kind> -- <file>`. */
  usage: string;
}

/**
 * The bot's own reader refused the file as a whole (its header, or its body as CSV/JSON): it may
 * be a platform's export, for the presets to read (intake/exports/).
 */
export const notOwnColumns = (problems: Problem[]) =>
  problems.some((p) => p.row <= 1 && ["header", "file", "body"].includes(p.field));

/** Files only the presets read: spreadsheets, and tab-separated text. */
export const isSpreadsheetName = (name: string) => /\.(xlsx|xls|tsv)$/i.test(name);

/** How many rows had a problem (a row with two bad fields counts once). */
export const badRows = (problems: Problem[]) => new Set(problems.map((p) => p.row)).size;
