// One file per built-in import preset, in the shape that platform's export button gives: title
// rows above the header, totals rows under the table, Chinese headers, "¥", "%", "万", order numbers
// written ="…", GBK for 淘宝, .xls for 生意参谋, .xlsx where the platform gives one. Each comes
// with the figures of its last day worked out by hand, for the tests to check the digest against.
import * as XLSX from "@e965/xlsx";
import iconv from "iconv-lite";

export interface ExportFixture {
  preset: string;
  kind: "metrics" | "reviews";
  name: string;
  bytes: Buffer;
  /** Written in the message that carries the file (store: …), if anything. */
  messageText: string;
  store: string;
  rows: number;
  skipped: string[];
  /** The figures of 2026-11-11 as the digest should show them. */
  day?: { gmv: number; orders: number; buyers: number; uv: number; refunds?: number };
}

type Cell = string | number | { t: "n"; v: number; z: string };

// 淘宝 writes an order number as ="3300…" unquoted, so that Excel shows its digits as text.
const csvCell = (c: Cell) => {
  const v = String(c);
  return /^="[^"]*"$/.test(v) || !/[",\n]/.test(v) ? v : `"${v.replace(/"/g, '""')}"`;
};
const csv = (rows: Cell[][]) => rows.map((r) => r.map(csvCell).join(",")).join("\r\n") + "\r\n";

function book(rows: Cell[][], bookType: "xlsx" | "biff8"): Buffer {
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), "Sheet1");
  return XLSX.write(wb, { type: "buffer", bookType }) as Buffer;
}

/** An Excel date-time cell (a serial number with a date format), as a back office writes one. */
export const excelTime = (iso: string): Cell => {
  const [d, t = "00:00:00"] = iso.split(" ");
  const [y, m, day] = d!.split("-").map(Number);
  const [hh, mm, ss] = t.split(":").map(Number);
  const serial =
    (Date.UTC(y!, m! - 1, day!) - Date.UTC(1899, 11, 30)) / 86400000 + (hh! * 3600 + mm! * 60 + (ss ?? 0)) / 86400;
  return { t: "n", v: serial, z: "yyyy-mm-dd hh:mm:ss" };
};

const TMALL_HEAD = [
  "订单编号",
  "买家会员名",
  "买家支付宝账号",
  "买家应付货款",
  "买家应付邮费",
  "总金额",
  "买家实际支付金额",
  "订单状态",
  "收货人姓名",
  "订单创建时间",
  "订单付款时间",
  "宝贝标题",
  "宝贝种类",
  "宝贝总数量",
  "店铺Id",
  "店铺名称",
  "退款金额",
];
const tmall = (
  id: string,
  buyer: string,
  total: string,
  paid: string,
  status: string,
  created: string,
  paidAt: string,
  n: number,
  refund: string,
) => [
  `="${id}"`,
  buyer,
  "***",
  total,
  "0.00",
  total,
  paid,
  status,
  "张*",
  created,
  paidAt,
  "保温杯",
  "1",
  String(n),
  "57300001",
  "天猫旗舰店",
  refund,
];

export const tmallOrdersRows = [
  TMALL_HEAD,
  tmall(
    "3300000000000001",
    "小王",
    "299.00",
    "299.00",
    "交易成功",
    "2026-11-11 00:05:12",
    "2026-11-11 00:05:30",
    1,
    "0.00",
  ),
  tmall(
    "3300000000000002",
    "小李",
    "598.00",
    "558.00",
    "卖家已发货，等待买家确认",
    "2026-11-11 10:12:00",
    "2026-11-11 10:12:40",
    2,
    "0.00",
  ),
  tmall(
    "3300000000000003",
    "小王",
    "99.50",
    "99.50",
    "交易关闭",
    "2026-11-11 20:00:10",
    "2026-11-11 20:01:00",
    1,
    "99.50",
  ),
  tmall("3300000000000004", "小赵", "129.00", "0.00", "等待买家付款", "2026-11-11 21:00:00", "", 1, "0.00"),
  tmall(
    "3300000000000005",
    "小周",
    "188.00",
    "188.00",
    "交易成功",
    "2026-11-10 23:58:00",
    "2026-11-10 23:59:00",
    1,
    "0.00",
  ),
];

export function exportFixtures(): ExportFixture[] {
  return [
    {
      preset: "tmall-orders",
      kind: "metrics",
      name: "ExportOrderList202611111200.csv",
      bytes: iconv.encode(csv(tmallOrdersRows), "gbk"),
      messageText: "双11 订单",
      store: "天猫旗舰店",
      rows: 4,
      skipped: ["未付款 (not paid)"],
      // 299 + 558 + 99.50; 小王 bought at 00h and 20h: a buyer counts once an hour.
      day: { gmv: 956.5, orders: 3, buyers: 3, uv: 0, refunds: 99.5 },
    },
    {
      preset: "pdd-orders",
      kind: "metrics",
      name: "orders_export.csv",
      bytes: Buffer.concat([
        Buffer.from([0xef, 0xbb, 0xbf]),
        Buffer.from(
          csv([
            [
              "商品",
              "订单号",
              "订单状态",
              "商品总价(元)",
              "店铺优惠折扣(元)",
              "用户实付金额(元)",
              "商家实收金额(元)",
              "商品数量(件)",
              "订单成交时间",
              "支付时间",
              "发货时间",
              "确认收货时间",
              "商品id",
              "售后状态",
            ],
            [
              "保温杯 500ml",
              "261111-012345678901",
              "已发货，待收货",
              "69.90",
              "10.00",
              "59.90",
              "59.90",
              "1",
              "2026-11-11 09:10:00",
              "2026-11-11 09:10:05",
              "",
              "",
              "6001",
              "无售后或售后取消",
            ],
            [
              "保温杯 500ml",
              "261111-012345678902",
              "已收货",
              "139.80",
              "20.00",
              "119.80",
              "119.80",
              "2",
              "2026-11-11 09:40:00",
              "2026-11-11 09:40:09",
              "2026-11-11 15:00:00",
              "",
              "6001",
              "无售后或售后取消",
            ],
            [
              "杯刷",
              "261111-012345678903",
              "待发货",
              "39.90",
              "0.00",
              "39.90",
              "39.90",
              "1",
              "2026-11-11 21:00:00",
              "2026-11-11 21:00:03",
              "",
              "",
              "6002",
              "无售后或售后取消",
            ],
            [
              "杯刷",
              "261111-012345678904",
              "未支付",
              "39.90",
              "0.00",
              "39.90",
              "0.00",
              "1",
              "2026-11-11 22:00:00",
              "",
              "",
              "",
              "6002",
              "",
            ],
          ]),
        ),
      ]),
      messageText: "拼多多 11-11 store: pdd-shop",
      store: "pdd-shop",
      rows: 3,
      skipped: ["未付款 (not paid)"],
      day: { gmv: 219.6, orders: 3, buyers: 3, uv: 0 },
    },
    {
      preset: "douyin-orders",
      kind: "metrics",
      name: "抖店订单导出.xlsx",
      bytes: book(
        [
          [
            "主订单编号",
            "子订单编号",
            "选购商品",
            "商品ID",
            "商品数量",
            "商品金额",
            "订单应付金额",
            "订单提交时间",
            "支付完成时间",
            "订单状态",
            "售后状态",
          ],
          [
            "6920001",
            "6920001-1",
            "保温杯",
            "3501",
            1,
            100,
            100,
            excelTime("2026-11-11 14:00:00"),
            excelTime("2026-11-11 14:00:20"),
            "已完成",
            "-",
          ],
          [
            "6920001",
            "6920001-2",
            "杯刷",
            "3502",
            1,
            50,
            50,
            excelTime("2026-11-11 14:00:00"),
            excelTime("2026-11-11 14:00:20"),
            "已完成",
            "-",
          ],
          [
            "6920002",
            "6920002-1",
            "保温杯",
            "3501",
            1,
            80,
            80,
            excelTime("2026-11-11 15:30:00"),
            excelTime("2026-11-11 15:30:30"),
            "已发货",
            "-",
          ],
          ["6920003", "6920003-1", "保温杯", "3501", 1, 100, 100, excelTime("2026-11-11 16:00:00"), "", "已取消", "-"],
        ],
        "xlsx",
      ),
      messageText: "",
      store: "douyin",
      rows: 3,
      skipped: ["未付款 (not paid)"],
      day: { gmv: 230, orders: 2, buyers: 2, uv: 0 },
    },
    {
      preset: "sycm-store",
      kind: "metrics",
      name: "【生意参谋平台】店铺整体_2026-11-10_2026-11-11.xls",
      bytes: book(
        [
          ["生意参谋 · 店铺整体 · 日报"],
          ["统计时间：2026-11-10 ~ 2026-11-11"],
          [],
          [
            "统计日期",
            "访客数",
            "浏览量",
            "商品访客数",
            "加购人数",
            "支付金额",
            "支付买家数",
            "支付子订单数",
            "支付转化率",
            "客单价",
            "成功退款金额",
          ],
          [
            "2026-11-10",
            "8,000",
            "24,000",
            "6,100",
            "900",
            "¥45,678.90",
            "300",
            "310",
            "3.75%",
            "¥152.26",
            "¥1,200.00",
          ],
          ["2026-11-11", "1.2万", "3.6万", "9,500", "1,500", "¥12.3万", "400", "420", "3.33%", "¥307.50", "¥2,345.60"],
          ["合计", "2万", "6万", "15,600", "2,400", "¥168,678.90", "700", "730", "", "", ""],
        ],
        "biff8",
      ),
      messageText: "店铺：tmall-main",
      store: "tmall-main",
      rows: 2,
      skipped: ["totals row"],
      day: { gmv: 123000, orders: 420, buyers: 400, uv: 12000, refunds: 2345.6 },
    },
    {
      preset: "jd-shangzhi",
      kind: "metrics",
      name: "京东商智_经营概况.xlsx",
      bytes: book(
        [
          ["经营概况-按日"],
          ["日期", "访客数", "浏览量", "成交客户数", "成交单量", "成交金额", "成交转化率", "客单价"],
          ["20261110", 5000, 15000, 150, 160, "1,002,000.00", "3.00%", "6,680.00"],
          ["20261111", 6500, 19000, 210, 230, "1,234,567.80", "3.23%", "5,878.89"],
        ],
        "xlsx",
      ),
      messageText: "store: jd-self",
      store: "jd-self",
      rows: 2,
      skipped: [],
      day: { gmv: 1234567.8, orders: 230, buyers: 210, uv: 6500 },
    },
    {
      preset: "douyin-compass",
      kind: "metrics",
      name: "罗盘_经营概览.xlsx",
      bytes: book(
        [
          ["日期", "成交金额", "成交订单数", "成交人数", "商品访客数", "商品曝光人数", "退款金额"],
          ["2026/11/10", "2.1万", 300, 290, "9,000", "5.5万", "¥800"],
          ["2026/11/11", "3.5万", 480, 455, "1.1万", "8万", "¥1,050.50"],
        ],
        "xlsx",
      ),
      messageText: "store: dy-live",
      store: "dy-live",
      rows: 2,
      skipped: [],
      day: { gmv: 35000, orders: 480, buyers: 455, uv: 11000, refunds: 1050.5 },
    },
    {
      preset: "shopify-sales",
      kind: "metrics",
      name: "Sales over time - 2026-11-10 - 2026-11-11.csv",
      bytes: Buffer.from(
        csv([
          ["Day", "Orders", "Gross sales", "Discounts", "Returns", "Net sales", "Shipping", "Taxes", "Total sales"],
          ["2026-11-10", "9", "$1,000.00", "-$20.00", "$0.00", "$980.00", "$40.00", "$70.00", "$1,090.00"],
          ["2026-11-11", "12", "$1,340.00", "-$40.00", "-$100.00", "$1,200.00", "$50.00", "$90.00", "$1,340.00"],
        ]),
      ),
      messageText: "store: shopify-us",
      store: "shopify-us",
      rows: 2,
      skipped: [],
      // Sessions come from the next file: until then UV is 0.
      day: { gmv: 1340, orders: 12, buyers: 0, uv: 0, refunds: 100 },
    },
    {
      preset: "shopify-sessions",
      kind: "metrics",
      name: "Sessions over time - 2026-11-10 - 2026-11-11.csv",
      bytes: Buffer.from(
        csv([
          ["Day", "Online store visitors", "Sessions"],
          ["2026-11-10", "610", "700"],
          ["2026-11-11", "690", "800"],
        ]),
      ),
      messageText: "store: shopify-us",
      store: "shopify-us",
      rows: 2,
      skipped: [],
      // The sales of the file before are kept: one export fills UV, the other GMV and orders.
      day: { gmv: 1340, orders: 12, buyers: 0, uv: 800, refunds: 100 },
    },
    {
      preset: "amazon-business-report",
      kind: "metrics",
      name: "BusinessReport-11-12-26.csv",
      bytes: Buffer.from(
        csv([
          [
            "Date",
            "Ordered Product Sales",
            "Ordered Product Sales - B2B",
            "Units Ordered",
            "Units Ordered - B2B",
            "Total Order Items",
            "Total Order Items - B2B",
            "Page Views - Total",
            "Sessions - Total",
            "Unit Session Percentage",
          ],
          ["11/10/2026", "$1,999.00", "$0.00", "31", "0", "30", "0", "1,300", "900", "3.44%"],
          ["11/11/2026", "$2,345.67", "$0.00", "40", "0", "38", "0", "1,500", "1,000", "4.00%"],
        ]),
      ),
      messageText: "store: amazon-us",
      store: "amazon-us",
      rows: 2,
      skipped: [],
      day: { gmv: 2345.67, orders: 38, buyers: 38, uv: 1000 },
    },
    {
      preset: "tmall-reviews",
      kind: "reviews",
      name: "评价导出_20261111.xlsx",
      bytes: book(
        [
          ["订单编号", "商品名称", "SKU", "评分", "初评时间", "初评内容", "追评时间", "追评内容", "商家回复"],
          [
            `="3300000000000001"`,
            "保温杯",
            "CUP-500",
            "好评",
            excelTime("2026-11-11 12:00:00"),
            "保温效果很好",
            "",
            "",
            "感谢支持",
          ],
          [
            `="3300000000000002"`,
            "保温杯",
            "CUP-500",
            "差评",
            excelTime("2026-11-11 13:00:00"),
            "杯子漏水，质量太差",
            excelTime("2026-11-11 18:00:00"),
            "客服不理人，要投诉",
            "",
          ],
          ["", "", "", "", "", "", "", "", ""],
        ],
        "xlsx",
      ),
      messageText: "",
      store: "",
      // Three reviews: the second row's follow-up is one of its own.
      rows: 2,
      skipped: ["empty row"],
    },
  ];
}
