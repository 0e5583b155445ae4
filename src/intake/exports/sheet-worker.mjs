// Reads a platform's export file into rows of text on a thread of its own (sheet.ts): parsing a
// spreadsheet is one long synchronous call (a million-row .xlsx takes seconds), which on the main
// thread would hold every ack behind it. Plain JavaScript, as the reader of SQLite is, so that it
// runs the same from the source tree and from dist/.
//
// Protocol, with the thread that opened it (the export's reading thread, export-thread.ts, called
// "the consumer" below): the worker first posts {type:"heads", sheets:[{name, rows}]} (each sheet's first
// HEAD_ROWS rows) and waits for {type:"pick", sheet, columns}; then it posts {type:"rows", rows}
// (each row only the picked columns, in their order: copying a row between threads costs by its
// cells, and an export carries two to four times the columns a preset reads), at most
// AHEAD chunks ahead of the {type:"more"} the consumer sends for each one it has taken, so a
// slow import never has the whole file in flight. A CSV chunk whose rows are all as wide comes as
// {type:"rows", packed}: one string, cells joined by CELL and rows by ROW (see pack()).
// It ends with {type:"end"}, or {type:"error", code, message}.
import { isAscii, isUtf8 } from "node:buffer";
import { readFileSync } from "node:fs";
import { parentPort, workerData } from "node:worker_threads";
import * as XLSX from "@e965/xlsx";
import { parse } from "csv-parse";
import { runInBackground } from "../../infra/background-thread.mjs";

// The event loop goes first on busy cores.
runInBackground();

const HEAD_ROWS = 30;
const { path, bytes: given, at, growing, name, chunk = 2000, piece = 1 << 20 } = workerData;

// Chunks this worker may have in flight before it waits: parsing runs ahead of the consumer's
// work on the rows (both threads busy), without ever holding more than this many chunks.
const AHEAD = 16;
let credit = AHEAD;
let waiter;
const inbox = [];
parentPort.on("message", (m) => {
  if (m.type === "more") credit++;
  else inbox.push(m);
  waiter?.();
});
const wait = (ready) =>
  new Promise((resolve) => {
    const check = () => (ready() ? ((waiter = undefined), resolve()) : (waiter = check));
    check();
  });
/** The consumer's next command (the sheet it picked). */
const next = async () => (await wait(() => inbox.length > 0), inbox.shift());
/** The columns the consumer reads (all when it names none). */
let picked;
const project = (rows) => (picked ? rows.map((r) => picked.map((i) => r[i] ?? "")) : rows);
// Separators no cell of a packable file holds: ASCII's unit and record separators.
const CELL = "\u001f";
const ROW = "\u001e";
/** Whether chunks of this file may be packed: until a piece of its text holds either separator. */
let packable = false;
/**
 * One string instead of an array of arrays: copying a chunk to another thread costs by its
 * objects, and for a million-row CSV's cells that copy, on both threads, took about 2 s of the
 * import's 18 s of CPU. Rows of unequal width (a title or totals line) go as they are, so that every row
 * comes back with the cells it had.
 */
function pack(rows) {
  if (!packable || !rows.length) return { rows };
  const w = rows[0].length;
  if (!w || rows.some((r) => r.length !== w)) return { rows };
  return { packed: rows.map((r) => r.join(CELL)).join(ROW) };
}
/** Sends a chunk of rows, once the consumer has room for it. */
async function send(rows) {
  await wait(() => credit > 0);
  credit--;
  parentPort.postMessage({ type: "rows", ...pack(project(rows)) });
}
const fail = (code, message) => parentPort.postMessage({ type: "error", code, message });

/** Whether a file's first bytes, maybe cut inside a character at their end, are UTF-8. */
function startsAsUtf8(head) {
  // Back to the start of the last character (at most 3 continuation bytes), which may be cut.
  let end = head.length;
  for (let k = 0; k < 3 && end > 0 && (head[end - 1] & 0xc0) === 0x80; k++) end--;
  if (end > 0 && head[end - 1] >= 0xc0) end--;
  return isUtf8(head.subarray(0, end));
}

/**
 * The file's text encoding, and where its text starts (after a byte-order mark): UTF-8 (with or
 * without BOM), UTF-16 (Excel's "Unicode text", with or without BOM) or GBK/GB18030.
 */
async function encodingOf(b, upTo) {
  const there = await upTo(Math.min(b.length, piece));
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return { label: "utf-8", from: 3 };
  if (b[0] === 0xff && b[1] === 0xfe) return { label: "utf-16le", from: 2 };
  if (b[0] === 0xfe && b[1] === 0xff) return { label: "utf-16be", from: 2 };
  // UTF-16 without a mark: ASCII characters leave every other byte zero.
  const probe = b.subarray(0, Math.min(400, there));
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < probe.length; i++) {
    if (probe[i] !== 0) continue;
    if (i % 2) oddZero++;
    else evenZero++;
  }
  if (oddZero > probe.length / 8) return { label: "utf-16le", from: 0 };
  if (evenZero > probe.length / 8) return { label: "utf-16be", from: 0 };
  // GB18030 is a superset of GBK; Node's full ICU decodes it. The whole file is checked (natively,
  // in milliseconds) when it is all there; a download still arriving is told by its first piece
  // when that holds Chinese (GBK's Chinese is never valid UTF-8 for long), else once it has all come.
  const head = b.subarray(0, there);
  if (there < b.length && !isAscii(head)) return { label: startsAsUtf8(head) ? "utf-8" : "gb18030", from: 0 };
  await upTo(b.length);
  return { label: isUtf8(b) ? "utf-8" : "gb18030", from: 0 };
}

/**
 * The file's text, `piece` bytes at a time, the parser starting on the first while the rest is
 * still bytes (decoding a 127 MB GBK export whole took 0.6 s before the first row could be read,
 * and held its text, twice the bytes, for the whole import); a download's pieces as they arrive.
 */
async function textPieces(b, upTo) {
  const { label, from } = await encodingOf(b, upTo);
  const decoder = new TextDecoder(label);
  let at = from;
  return async () => {
    if (at >= b.length) return at++ === b.length ? decoder.decode() : undefined;
    const end = Math.min(at + piece, b.length);
    await upTo(end);
    const text = decoder.decode(b.subarray(at, end), { stream: true });
    at = end;
    return text;
  };
}

class DownloadStopped extends Error {}

/**
 * A download still arriving into memory shared with the bot (src/infra/growing-file.ts): waits
 * until `n` of its bytes are there, or all of them, and says how many are. Throws DownloadStopped
 * when it stopped short.
 */
function arrivals(progress) {
  const p = new Int32Array(progress);
  // The layout of growing-file.ts: bytes arrived, changes, state (0 arriving, 1 whole, 2 stopped).
  return async (n) => {
    for (;;) {
      const changes = Atomics.load(p, 1);
      const state = Atomics.load(p, 2);
      if (state === 2) throw new DownloadStopped();
      const length = Atomics.load(p, 0);
      if (length >= n || state === 1) return length;
      const wait = Atomics.waitAsync(p, 1, changes);
      if (wait.async) await wait.value;
    }
  };
}

const isSpreadsheet = (b) =>
  (b[0] === 0x50 && b[1] === 0x4b) || // .xlsx: a zip
  (b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0); // .xls (and encrypted .xlsx): OLE

const pad = (n, w = 2) => String(n).padStart(w, "0");

/** A cell as the team sees it: numbers as numbers, dates as "yyyy-mm-dd hh:mm:ss" wall-clock. */
function cellText(c) {
  if (!c || c.v === undefined || c.v === null) return "";
  if (c.t === "n") {
    if (c.z && XLSX.SSF.is_date(c.z)) {
      const d = XLSX.SSF.parse_date_code(c.v);
      const day = `${pad(d.y, 4)}-${pad(d.m)}-${pad(d.d)}`;
      return d.H || d.M || d.S || c.v % 1 ? `${day} ${pad(d.H)}:${pad(d.M)}:${pad(Math.round(d.S))}` : day;
    }
    return String(c.v);
  }
  if (c.t === "d") return c.v instanceof Date ? c.v.toISOString() : String(c.v);
  if (c.t === "e") return "";
  return String(c.v).trim();
}

const sheetRows = (ws) => (ws["!data"] ?? []).map((r) => (r ? Array.from(r, cellText) : []));

async function sendAll(rows) {
  for (let i = 0; i < rows.length; i += chunk) await send(rows.slice(i, i + chunk));
}

async function spreadsheet(b) {
  let wb;
  try {
    wb = XLSX.read(b, { type: "buffer", dense: true, cellNF: true, cellHTML: false, cellText: false });
  } catch (e) {
    const m = String(e?.message ?? e);
    return fail(/password|encrypt/i.test(m) ? "encrypted" : "unreadable", m);
  }
  const sheets = wb.SheetNames.map((n) => ({ name: n, ws: wb.Sheets[n] }));
  const heads = sheets.map((s) => ({
    name: s.name,
    rows: sheetRows({ "!data": (s.ws["!data"] ?? []).slice(0, HEAD_ROWS) }),
  }));
  parentPort.postMessage({ type: "heads", sheets: heads });
  const pick = await next();
  if (pick.sheet < 0) return parentPort.postMessage({ type: "end" });
  const data = sheets[pick.sheet].ws["!data"] ?? [];
  wb = undefined;
  // Only the picked cells are turned into text (then sent as they are).
  const cols = pick.columns;
  const text = cols ? (r) => cols.map((i) => cellText(r[i])) : (r) => Array.from(r, cellText);
  for (let i = 0; i < data.length; i += chunk) {
    // Array.from, not map: a sheet's empty rows are holes in its data, and map keeps holes.
    const rows = Array.from(data.slice(i, i + chunk), (r) => (r ? text(r) : []));
    await wait(() => credit > 0);
    credit--;
    parentPort.postMessage({ type: "rows", rows });
  }
  parentPort.postMessage({ type: "end" });
}

async function delimited(b, upTo) {
  const nextPiece = await textPieces(b, upTo);
  // The first line, whole, to tell commas from tabs.
  let first = (await nextPiece()) ?? "";
  for (let more; !/\r|\n/.test(first) && (more = await nextPiece()) !== undefined;) first += more;
  const firstLine = first.slice(0, first.search(/\r?\n|$/));
  const delimiter = (firstLine.match(/\t/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? "\t" : ",";
  const parser = parse({ delimiter, relax_column_count: true, relax_quotes: true, trim: true, bom: true });
  const feed = (async () => {
    packable = true;
    for (let text = first; text !== undefined; text = await nextPiece()) {
      // Checked before the parser sees the piece, so no row holding a separator is ever packed.
      if (packable && (text.includes(CELL) || text.includes(ROW))) packable = false;
      if (!parser.write(text)) await once(parser, "drain");
    }
    parser.end();
  })().catch((e) => parser.destroy(e)); // a download that stops short ends the rows with its error
  let rows = [];
  let headSent = false;
  try {
    for await (const record of parser) {
      rows.push(record);
      if (!headSent && rows.length === HEAD_ROWS) {
        headSent = true;
        if (!(await head(rows))) return;
        rows = [];
      } else if (headSent && rows.length >= chunk) {
        await send(rows);
        rows = [];
      }
    }
    await feed;
  } catch (e) {
    if (e instanceof DownloadStopped) throw e;
    return fail("unreadable", String(e?.message ?? e).split("\n")[0]);
  }
  if (!headSent && !(await head(rows))) return;
  else if (headSent) await sendAll(rows);
  parentPort.postMessage({ type: "end" });

  async function head(first) {
    parentPort.postMessage({ type: "heads", sheets: [{ name, rows: first.slice(0, HEAD_ROWS) }] });
    const pick = await next();
    if (pick.sheet < 0) {
      parentPort.postMessage({ type: "end" });
      return false;
    }
    picked = pick.columns;
    await sendAll(first);
    return true;
  }
}

function once(emitter, event) {
  return new Promise((resolve) => emitter.once(event, resolve));
}

// A whole buffer handed over comes with where its bytes are (at: [offset, length]); a download
// still arriving, with its progress.
const b = growing
  ? Buffer.from(growing.data)
  : !given
    ? readFileSync(path)
    : at
      ? Buffer.from(given, at[0], at[1])
      : Buffer.from(given.buffer, given.byteOffset, given.byteLength);
const upTo = growing ? arrivals(growing.progress) : async () => b.length;
try {
  if (!b.length) fail("empty", "the file is empty");
  else if ((await upTo(Math.min(8, b.length)), isSpreadsheet(b))) await spreadsheet((await upTo(b.length), b));
  else await delimited(b, upTo);
} catch (e) {
  if (!(e instanceof DownloadStopped)) throw e;
  fail("unreadable", "its download stopped before the end");
}
