// The stand-in's plumbing over HTTP: reading a request, the SDK's form-encoded arguments, the
// scripted answers tests set, and the record benchmarks read from another process.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Workspace } from "./workspace.ts";

export type Scripted =
  { ok: true; [k: string]: unknown } | { error: string } | { status: 429; retryAfter: number } | { status: number };

export function writeScripted(res: ServerResponse, scripted: Scripted): void {
  if ("status" in scripted && typeof scripted.status === "number") {
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (scripted.status === 429)
      headers["retry-after"] = String((scripted as unknown as { retryAfter: number }).retryAfter);
    res
      .writeHead(scripted.status, headers)
      .end(JSON.stringify({ ok: false, error: scripted.status === 429 ? "ratelimited" : "internal_error" }));
    return;
  }
  const body = "error" in scripted ? { ok: false, error: scripted.error } : scripted;
  res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(body));
}

/** Files a test "shared" are known to files.info by the names it gave. */
export function knowShared(ws: Workspace, shared: Map<string, Buffer>, names: Map<string, string>): void {
  for (const [id, bytes] of shared) {
    if (!ws.files.has(id))
      ws.files.set(id, {
        id,
        name: names.get(id) ?? `${id}.csv`,
        title: id,
        mimetype: "text/csv",
        bytes,
      });
  }
}

interface Recorded {
  calls: { method: string }[];
  responses: { id: string; at: number }[];
  rateLimited: unknown[];
  ws: Workspace;
}

/** What was recorded (of one method, from an index on), the 429s answered, and each landed message's outbox id. */
export function writeRecorded(res: ServerResponse, path: string, r: Recorded): void {
  const q = new URL(path, "http://x").searchParams;
  const method = q.get("method");
  const calls = (method ? r.calls.filter((c) => c.method === method) : r.calls).slice(Number(q.get("since") ?? 0));
  const landed = method ? [] : r.ws.messages.map((m) => outboxIdOf(m.metadata));
  // ?responses=1: when each response_url answer arrived, for timing a command's answer.
  const responses = q.get("responses") ? r.responses.map((x) => ({ id: x.id, at: x.at })) : r.responses.length;
  res
    .writeHead(200, { "content-type": "application/json" })
    .end(JSON.stringify({ calls, responses, rateLimited: r.rateLimited, landed }));
}

/** The outbox id a bot's post carried in its metadata (shopops_outbox), if any. */
function outboxIdOf(metadata: unknown): string | null {
  const m = metadata as { event_type?: string; event_payload?: { outbox_id?: unknown } } | undefined;
  return m?.event_type === "shopops_outbox" && typeof m.event_payload?.outbox_id === "string"
    ? m.event_payload.outbox_id
    : null;
}

export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks)));
  });
}

export function parseArgs(contentType: string, raw: string): Record<string, unknown> {
  if (contentType.includes("json")) {
    try {
      return raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
    } catch {
      return {};
    }
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(raw)) {
    // The SDK form-encodes nested values (blocks, view) as JSON strings.
    out[k] = /^[[{]/.test(v) ? safeJson(v) : v;
  }
  return out;
}

function safeJson(v: string): unknown {
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
}
