// A file from Slack is read chunk by chunk, with or without a declared size, into bytes the file
// reader can take over without a copy; a body past the limit stops the download. The download runs
// on a thread of its own, at background priority: its bytes never pass through the event loop.
import { readdirSync, readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { getPriority } from "node:os";
import { gzipSync } from "node:zlib";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openSheet } from "../../src/intake/exports/sheet.ts";
import { createSlackApi, ForeignHostError, SlackCallError } from "../../src/slack/api.ts";

const body = Buffer.from(
  ["订单编号,买家实际支付金额", ...Array.from({ length: 60_000 }, (_, i) => `${i},${(i % 97) + 0.5}`)].join("\n"),
);
let server: Server;
let base: string;
/** Lets the held download (/held) send the rest of its body. */
let releaseHeld: () => void = () => {};

/** How many of this process's threads run 10 lower than it (field 19 of a task's stat). */
const lowered = () =>
  readdirSync("/proc/self/task").filter((t) => {
    const stat = readFileSync(`/proc/self/task/${t}/stat`, "utf8");
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[16]) === Math.min(19, getPriority(process.pid) + 10);
  }).length;

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === "/gzip") {
      // As a file host may send a CSV: compressed, its declared length the compressed one.
      const gz = gzipSync(body);
      return void res.writeHead(200, { "content-encoding": "gzip", "content-length": String(gz.length) }).end(gz);
    }
    if (req.url === "/held") {
      res.writeHead(200, { "content-length": String(body.length) });
      res.write(body.subarray(0, 16_384));
      releaseHeld = () => res.end(body.subarray(16_384));
      return;
    }
    if (req.url === "/slow" || req.url === "/stall") {
      // A file host slower than the timeout in all, though never silent for long (/slow); or one
      // that goes silent after its first piece (/stall).
      const pieces = req.url === "/slow" ? 10 : 1;
      const piece = body.subarray(0, 16_384);
      res.writeHead(200, { "content-length": String(piece.length * 10) });
      let sent = 0;
      const more = () => {
        res.write(piece);
        if (++sent === 10) res.end();
        else if (sent < pieces) setTimeout(more, 200).unref();
      };
      return more();
    }
    const sized = req.url === "/sized";
    res.writeHead(200, sized ? { "content-length": String(body.length) } : {});
    // Many small writes: the client sees many chunks, as from a real download.
    for (let i = 0; i < body.length; i += 16_384) res.write(body.subarray(i, i + 16_384));
    res.end();
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
});

describe("downloading a file from Slack", () => {
  const api = () => createSlackApi("xoxb-test", `${base}/api/`);

  it("gives the same bytes with a declared size and without one (chunked)", async () => {
    for (const path of ["/sized", "/chunked"]) {
      const got = await api().download(`${base}${path}`, 10 * 1024 * 1024);
      expect(got.length, path).toBe(body.length);
      expect(got.equals(body), path).toBe(true);
    }
  });

  it("as it arrives: into shared memory with a declared size, whole without one or when compressed", async () => {
    const sized = await api().downloadGrowing(`${base}/sized`, 10 * 1024 * 1024);
    expect(Buffer.isBuffer(sized)).toBe(false);
    if (Buffer.isBuffer(sized)) return;
    await sized.done;
    expect(Buffer.from(sized.shared.data).equals(body)).toBe(true);
    expect(new Int32Array(sized.shared.progress)[0]).toBe(body.length);
    for (const path of ["/chunked", "/gzip"]) {
      const got = await api().downloadGrowing(`${base}${path}`, 10 * 1024 * 1024);
      expect(Buffer.isBuffer(got) && got.equals(body), path).toBe(true);
    }
  });

  it("stops at the limit, declared or not", async () => {
    for (const path of ["/sized", "/chunked"]) {
      const err = await api()
        .download(`${base}${path}`, 100_000)
        .catch((e: unknown) => e);
      expect(err, path).toBeInstanceOf(SlackCallError);
      expect((err as SlackCallError).failure, path).toEqual({ type: "permanent", reason: "file_too_large" });
    }
  });

  it("hands the downloaded bytes to the file reader, which reads them whole, even as a view into a larger buffer", async () => {
    const larger = Buffer.alloc(body.length + 5000, 0x78);
    body.copy(larger, 3000);
    const view = larger.subarray(3000, 3000 + body.length);
    const sheet = await openSheet({ bytes: view }, "orders.csv");
    expect(sheet.heads[0]!.rows[0]).toEqual(["订单编号", "买家实际支付金额"]);
    let rows = 0;
    let last: string[] = [];
    for await (const chunk of sheet.rows(0)) {
      rows += chunk.length;
      last = chunk.at(-1) ?? last;
    }
    expect(rows).toBe(60_001);
    expect(last).toEqual(["59999", String((59_999 % 97) + 0.5)]);
    // The memory moved to the reader: nothing was copied on the event loop.
    expect(larger.buffer.byteLength).toBe(0);
  });

  it.skipIf(process.platform !== "linux")("downloads on a thread of its own, at background priority", async () => {
    const before = lowered();
    const held = await api().downloadGrowing(`${base}/held`, 10 * 1024 * 1024);
    if (Buffer.isBuffer(held)) throw new Error("expected the file as it arrives");
    // The body is still arriving: the thread receiving it is there, lowered.
    expect(lowered()).toBe(before + 1);
    expect(new Int32Array(held.shared.progress)[0]).toBeLessThan(body.length);
    releaseHeld();
    await held.done;
    expect(Buffer.from(held.shared.data).equals(body)).toBe(true);
  });

  it("refuses a file outside Slack's hosts from the thread as on the loop: no token sent", async () => {
    const err = await api()
      .download("https://evil.example/file.csv", 10 * 1024 * 1024)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ForeignHostError);
    expect((err as ForeignHostError).url).toBe("https://evil.example/file.csv");
  });

  it("times out on silence, not on a body that takes longer than the timeout to come", async () => {
    // 1.5 s without a byte stops a download; a body arriving over 2 s in pieces 200 ms apart does not.
    const slowApi = createSlackApi("xoxb-test", `${base}/api/`, 1500);
    const slow = await slowApi.download(`${base}/slow`, 10 * 1024 * 1024);
    expect(slow.equals(Buffer.concat(Array.from({ length: 10 }, () => body.subarray(0, 16_384))))).toBe(true);
    const stalled = await slowApi.downloadGrowing(`${base}/stall`, 10 * 1024 * 1024);
    if (Buffer.isBuffer(stalled)) throw new Error("expected the file as it arrives");
    const err = await stalled.done.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SlackCallError);
    expect((err as SlackCallError).failure).toEqual({ type: "transient", reason: "network_error" });
  });
});
