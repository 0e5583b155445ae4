// A platform's export, end to end through Slack: the file on a message, ⋯ → Import metrics (or
// reviews), the preview, the Import button, and then the digest's figures, checked against the
// arithmetic written beside each fixture (tests/support/export-fixtures.ts).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { money, num } from "../../src/features/metrics/format.ts";
import { FixedClock } from "../../src/infra/clock.ts";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as XLSX from "@e965/xlsx";
import iconv from "iconv-lite";
import { exportFixtures, tmallOrdersRows, type ExportFixture } from "../support/export-fixtures.ts";
import { settle, startHarness, until, type Harness } from "../support/harness.ts";
import { blockAction, messageShortcut } from "../support/payloads.ts";
import { interaction, slashCommand } from "../support/signed.ts";

type Block = { type: string; text?: { text: string }; elements?: { action_id: string; value: string }[] };

export async function shareAndPreview(
  h: Harness,
  f: { name: string; bytes: Buffer; kind: string; messageText?: string },
  n: number,
  user = "U0OPS",
) {
  const id = `F0EXP${n}`;
  h.fake.shared.set(id, f.bytes);
  h.fake.sharedNames.set(id, f.name);
  const rid = `preview-${n}`;
  await interaction(
    h.baseUrl,
    messageShortcut({
      callbackId: `${f.kind}_import_file`,
      user,
      channel: "C0DATA",
      responseUrl: h.fake.responseUrl(rid),
      message: {
        ts: `${n}.1`,
        text: f.messageText ?? "",
        files: [{ id, name: f.name, url_private_download: h.fake.fileUrl(id), size: f.bytes.length }],
      },
    }),
  );
  const body = (await until(() => h.fake.responses.find((r) => r.id === rid), 30_000)).body;
  const blocks = (body.blocks ?? []) as Block[];
  const text = [String(body.text), ...blocks.map((b) => b.text?.text ?? "")].join("\n");
  const button = blocks.flatMap((b) => b.elements ?? []).find((e) => e.action_id.startsWith("export_import_"));
  return { text, button };
}

export async function clickImport(h: Harness, button: { action_id: string; value: string }, n: number) {
  const rid = `import-${n}`;
  await interaction(
    h.baseUrl,
    blockAction({
      user: "U0OPS",
      channel: "C0DATA",
      messageTs: `${n}.1`,
      actionId: button.action_id,
      value: button.value,
      responseUrl: h.fake.responseUrl(rid),
    }),
  );
  const done = await until(
    () => h.fake.responses.filter((r) => r.id === rid).find((r) => !/^Importing/.test(String(r.body.text))),
    30_000,
  );
  return String(done.body.text);
}

describe("platform exports through the Import shortcut", () => {
  let h: Harness;
  const clock = new FixedClock("2026-11-12T04:00:00Z");
  const teamPresets = mkdtempSync(join(tmpdir(), "presets-"));
  beforeAll(async () => {
    h = await startHarness({
      clock,
      env: { DEFAULT_LOCALE: "en", ADMIN_USER_IDS: "U0OPS", IMPORT_PRESETS_DIR: teamPresets },
    });
    h.fake.users.set("U0OPS", { locale: "en-US", tz: "Asia/Shanghai" });
  });
  afterAll(() => h?.stop());

  // Each digest to a person of its own: a person's DMs in one wave are rolled up into one message.
  const digestOf = async (store: string, user: string) => {
    const before = h.fake.callsOf("files.completeUploadExternal").length;
    const rid = `now-${user}`;
    await slashCommand(h.baseUrl, {
      command: "/metrics",
      text: `now ${store}`,
      user_id: user,
      response_url: h.fake.responseUrl(rid),
    });
    const said = await until(() => h.fake.responses.find((r) => r.id === rid));
    expect(String(said.body.text)).toContain("on its way");
    // Uploads are Slack's Tier 2 (about 20 a minute): the bot paces them by its clock, this test's.
    clock.advance(60_000);
    await settle(h);
    const up = await until(() => h.fake.callsOf("files.completeUploadExternal").slice(before)[0]);
    return String(up.args.initial_comment);
  };

  exportFixtures().forEach((f: ExportFixture, n) => {
    it(`${f.preset}: ${f.name} previews, imports, and the digest shows the day's figures`, async () => {
      const { text, button } = await shareAndPreview(h, f, n);
      expect(text).toContain(`(\`${f.preset}\`)`);
      expect(text).toContain(`${f.rows} row`);
      if (f.kind === "metrics") expect(text).toContain(`store *${f.store}*`);
      for (const reason of f.skipped) expect(text).toContain(reason);
      expect(button, text).toBeDefined();
      const result = await clickImport(h, button!, n);
      expect(result).toContain(`Imported *${f.name}*`);
      if (f.kind === "reviews") {
        // Two rows, three reviews: the follow-up is a review of its own, with its own time.
        expect(await h.bot.deps.db.review.count({ where: { platform: "tmall" } })).toBe(3);
        expect(await h.bot.deps.db.review.count({ where: { platform: "tmall", negative: true } })).toBe(2);
        return;
      }
      const day = await h.bot.deps.db.metricRow.findFirst({
        where: { store: f.store, date: "2026-11-11", hour: -1, sku: "" },
      });
      expect(day).toMatchObject({ gmv: f.day!.gmv, orders: f.day!.orders, buyers: f.day!.buyers, uv: f.day!.uv });
      if (f.day!.refunds !== undefined) expect(day!.refunds).toBe(f.day!.refunds);
      const digest = await digestOf(f.store, `U0READER${n}`);
      expect(digest).toContain(`*GMV* ${money(f.day!.gmv)}`);
      expect(digest).toContain(`UV ${num(f.day!.uv)}`);
    });
  });

  it("re-importing an order export, or the same orders split over two files, never doubles", async () => {
    const tmall = exportFixtures().find((f) => f.preset === "tmall-orders")!;
    const again = await shareAndPreview(h, tmall, 50);
    expect(await clickImport(h, again.button!, 50)).toContain("Imported");
    const day = () =>
      h.bot.deps.db.metricRow.findFirst({ where: { store: "天猫旗舰店", date: "2026-11-11", hour: -1 } });
    expect(await day()).toMatchObject({ gmv: 956.5, orders: 3 });
    expect(await h.bot.deps.db.exportOrder.count({ where: { platform: "tmall" } })).toBe(4);
  });

  it("a download that stops part-way is answered as one, and no figures change", async () => {
    // Many order lines, so that the half that arrives is read (and may be stored) before the cut.
    const lines = Array.from({ length: 4000 }, (_, i) => {
      const row = [...tmallOrdersRows[1]!];
      row[0] = `="77${String(i).padStart(10, "0")}"`;
      row[15] = "cutshop"; // 店铺名称
      return row.join(",");
    });
    const bytes = iconv.encode([tmallOrdersRows[0]!.join(","), ...lines].join("\n"), "gbk");
    const file = { kind: "metrics", name: "cut.csv", bytes };
    const { button } = await shareAndPreview(h, file, 65);
    expect(button).toBeDefined();
    h.fake.cutShort.add("F0EXP65");
    const answer = await clickImport(h, button!, 65);
    expect(answer).toContain("stopped part-way");
    expect(await h.bot.deps.db.metricRow.count({ where: { store: "cutshop" } })).toBe(0);
    // Imported again, whole: every line once.
    h.fake.cutShort.delete("F0EXP65");
    expect(await clickImport(h, button!, 66)).toContain("Imported *cut.csv*");
    expect(await h.bot.deps.db.exportOrder.count({ where: { store: "cutshop" } })).toBe(4000);
  });

  it("a file in no known layout gets the columns it has and the nearest preset; nothing is stored", async () => {
    const rows = await h.bot.deps.db.metricRow.count();
    const { text, button } = await shareAndPreview(
      h,
      { kind: "metrics", name: "report.csv", bytes: Buffer.from("订单编号,买家会员名,备注\n1,a,b\n") },
      60,
    );
    expect(button).toBeUndefined();
    expect(text).toContain("Columns found: 订单编号, 买家会员名, 备注");
    expect(text).toContain("Nearest: *淘宝/天猫 订单报表");
    expect(await h.bot.deps.db.metricRow.count()).toBe(rows);
  });

  it("bad files get a clear answer naming the column, and import nothing", async () => {
    const counts = async () => [await h.bot.deps.db.metricRow.count(), await h.bot.deps.db.exportOrder.count()];
    const before = await counts();
    const encrypted = XLSX.CFB.utils.cfb_new();
    XLSX.CFB.utils.cfb_add(encrypted, "/EncryptionInfo", Buffer.from([4, 0, 4, 0, 0x40, 0, 0, 0]));
    XLSX.CFB.utils.cfb_add(encrypted, "/EncryptedPackage", Buffer.alloc(64));
    const tmall = (paid: string, at: string) =>
      iconv.encode(
        [
          tmallOrdersRows[0]!.join(","),
          tmallOrdersRows[1]!.join(","),
          ['="9"', "a", "", "1", "0", "1", paid, "交易成功", "", at, at, "", "", "1", "", "s", "0"].join(","),
        ].join("\n"),
        "gbk",
      );
    const cases: { name: string; bytes: Buffer; says: string[] }[] = [
      {
        name: "missing-column.csv",
        bytes: Buffer.from("统计日期,访客数,浏览量\n2026-11-11,100,300\n"),
        says: ["Columns found: 统计日期, 访客数, 浏览量", "*生意参谋 店铺整体", "which needs 支付金额"],
      },
      {
        name: "bad-date.csv",
        bytes: tmall("10.00", "2026/13/45 10:00:00"),
        says: ["*Nothing will be imported*", "3, 订单创建时间: not a date and time: “2026/13/45 10:00:00”"],
      },
      {
        name: "bad-money.csv",
        bytes: tmall("十元", "2026-11-11 10:00:00"),
        says: ["*Nothing will be imported*", "3, 买家实际支付金额: not a number: “十元”"],
      },
      { name: "empty.csv", bytes: Buffer.alloc(0), says: ["*empty.csv* is empty"] },
      {
        name: "big.csv",
        bytes: Buffer.alloc(50 * 1024 * 1024, 0x31),
        says: ["larger than 20 MB", "npm run import:metrics"],
      },
      {
        name: "locked.xlsx",
        bytes: XLSX.CFB.write(encrypted, { type: "buffer" }) as Buffer,
        says: ["*locked.xlsx* is password-protected", "remove the password"],
      },
    ];
    for (const [i, c] of cases.entries()) {
      const { text, button } = await shareAndPreview(h, { kind: "metrics", ...c }, 70 + i);
      for (const s of c.says) expect(text, c.name).toContain(s);
      expect(button, c.name).toBeUndefined();
    }
    expect(await counts()).toEqual(before);
  });

  it("says what it leaves out and what it can't read in the reader's language", async () => {
    h.fake.users.set("U0ZH", { locale: "zh-CN", tz: "Asia/Shanghai" });
    const sycm = exportFixtures().find((f) => f.preset === "sycm-store")!;
    const { text } = await shareAndPreview(h, sycm, 95, "U0ZH");
    expect(text).toContain("*将跳过* 1 行：\n• 合计行：第 7 行");
    const bad = Buffer.from(`统计日期,访客数,支付金额\n2026-11-10,100,300\n2026/13/45,100,300\n,,\n`);
    const read = await shareAndPreview(h, { name: "坏日期.csv", bytes: bad, kind: "metrics" }, 96, "U0ZH");
    expect(read.text).toContain("第 3 行，统计日期：不是日期：“2026/13/45”");
    expect(read.text).not.toMatch(/not a|totals row|empty row/);
  });

  it("Excel's Unicode text (UTF-16, tab-separated) reads the same, and re-importing a report replaces its days", async () => {
    const tsv = [
      ["Date", "Ordered Product Sales", "Total Order Items", "Sessions - Total"],
      ["11/10/2026", "$1,999.00", "30", "900"],
      ["11/11/2026", "$2,345.67", "38", "1,000"],
    ]
      .map((r) => r.join("\t"))
      .join("\r\n");
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(tsv, "utf16le")]);
    const { text, button } = await shareAndPreview(
      h,
      { kind: "metrics", name: "BusinessReport.txt", bytes, messageText: "store: amazon-us" },
      80,
    );
    expect(text).toContain("(`amazon-business-report`)");
    expect(await clickImport(h, button!, 80)).toContain("0 new and 2 updated metric rows");
    const days = await h.bot.deps.db.metricRow.findMany({ where: { store: "amazon-us", hour: -1 } });
    expect(days.map((d) => [d.date, d.gmv])).toEqual([
      ["2026-11-10", 1999],
      ["2026-11-11", 2345.67],
    ]);
  });

  it("a team's own preset is a file in IMPORT_PRESETS_DIR, used on the next import without a restart", async () => {
    writeFileSync(
      join(teamPresets, "erp.yaml"),
      [
        "id: our-erp",
        "name: 我们的 ERP 日报",
        "platform: erp",
        "target: metrics",
        "columns:",
        "  date: [业务日期]",
        "  gmv: [销售额]",
        "  orders: [单量]",
        "required: [date, gmv]",
        "",
      ].join("\n"),
    );
    writeFileSync(join(teamPresets, "broken.yaml"), "id: Not Valid\nname: x\n");
    const rid = "presets";
    await slashCommand(h.baseUrl, {
      command: "/metrics",
      text: "import presets",
      user_id: "U0OPS",
      response_url: h.fake.responseUrl(rid),
    });
    const list = String((await until(() => h.fake.responses.find((r) => r.id === rid))).body.text);
    expect(list).toContain("`our-erp` *我们的 ERP 日报*");
    expect(list).toContain(`(from ${teamPresets})`);
    expect(list).toContain("`tmall-orders`");
    expect(list).toMatch(/broken\.yaml: id: lower-case letters/);
    const file = {
      kind: "metrics",
      name: "erp.csv",
      bytes: Buffer.from('业务日期,销售额,单量\n2026-11-11,"¥8,800.00",44\n'),
      messageText: "store: erp-shop",
    };
    const { text, button } = await shareAndPreview(h, file, 90);
    expect(text).toContain("(`our-erp`)");
    await clickImport(h, button!, 90);
    expect(await h.bot.deps.db.metricRow.findFirst({ where: { store: "erp-shop", hour: -1 } })).toMatchObject({
      gmv: 8800,
      orders: 44,
    });
    // An edit is read at the next use: the bot keeps a file as read only while it is unchanged.
    const erp = join(teamPresets, "erp.yaml");
    writeFileSync(erp, readFileSync(erp, "utf8").replace("我们的 ERP 日报", "我们的 ERP 日报（新版）"));
    await slashCommand(h.baseUrl, {
      command: "/metrics",
      text: "import presets",
      user_id: "U0OPS",
      response_url: h.fake.responseUrl("presets-2"),
    });
    const again = String((await until(() => h.fake.responses.find((r) => r.id === "presets-2"))).body.text);
    expect(again).toContain("`our-erp` *我们的 ERP 日报（新版）*");
  });
});
