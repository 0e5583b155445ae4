// Renders docs/checklist-message.png, the picture of a message README.md shows, from the real
// Block Kit the bot builds for `/promo new 双11 2026-11-11`:  npx tsx docs/render-message.ts
import { writeFileSync } from "node:fs";
import { Resvg } from "@resvg/resvg-js";
import type { Campaign, CampaignItem } from "../src/generated/prisma/client.ts";
import { checklistMessage } from "../src/features/campaigns/blocks.ts";
import { planChecklist } from "../src/features/campaigns/rules.ts";
import { builtinTemplate } from "../src/features/campaigns/templates.ts";
import { t } from "../src/infra/i18n.ts";

const template = builtinTemplate();
const campaign = { id: "c1", number: 1, name: "双11", kind: "double11", eventDate: "2026-11-11", timeZone: "Asia/Shanghai", channelId: "C1", ownerId: "王经理", status: "active", gate: null } as unknown as Campaign;
const items = planChecklist(template, "2026-11-11").map(
  (p, i) =>
    ({
      id: `i${i}`,
      campaignId: "c1",
      stage: p.stage,
      seq: p.seq,
      title: JSON.stringify(p.title),
      doneMeans: JSON.stringify(p.doneMeans),
      role: p.role,
      ownerId: ["王经理", "李雪", "陈晨", "赵敏"][i % 4],
      offsetDays: p.offsetDays,
      dueDate: p.dueDate,
      status: i < 9 ? "done" : i === 14 ? "na" : "open",
      naReason: i === 14 ? "沿用 618 压测结果" : null,
      note: null,
      gate: p.gate,
    }) as unknown as CampaignItem,
);
const msg = checklistMessage((k, p) => t("zh-CN", k, p), "zh-CN", campaign, items, { name: "builtin", version: 1, body: template }, "2026-10-30");

type Block = { type: string; text?: { text: string }; elements?: { text?: string }[] };
const lines: { text: string; bold?: boolean; small?: boolean; strike?: boolean }[] = [];
for (const b of msg.blocks as Block[]) {
  if (b.type === "section" && b.text) {
    for (const l of b.text.text.split("\n")) {
      const strike = /^~.*~/.test(l);
      lines.push({ text: l.replace(/<@([^>]+)>/g, "@$1").replace(/[*~_]/g, "").replace(/^> ?/, "   "), bold: /^\*/.test(l), strike });
    }
  } else if (b.type === "context") for (const e of b.elements ?? []) lines.push({ text: (e.text ?? "").replace(/<@([^>]+)>/g, "@$1").replace(/[*_]/g, ""), small: true });
  else if (b.type === "actions") lines.push({ text: "[ 签署上线确认 ]", bold: true });
}
// Slack draws emoji; this picture has no emoji font, so they become plain symbols here.
const symbols: [RegExp, string][] = [[/✅/g, "✔"], [/⬜/g, "□"], [/🔴/g, "●"], [/🚫/g, "⊘"], [/📋 ?/g, ""], [/🚦 ?/g, "⚑ "]];
const esc = (s: string) => symbols.reduce((a, [re, to]) => a.replace(re, to), s).replace(/&/g, "&amp;").replace(/</g, "&lt;");
const width = 980;
const height = 90 + lines.length * 26;
const svg = [
  `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="Noto Sans CJK SC, sans-serif">`,
  `<rect width="100%" height="100%" fill="white"/>`,
  `<rect x="16" y="16" width="40" height="40" rx="8" fill="#1f4e79"/><text x="36" y="43" font-size="18" fill="white" text-anchor="middle">S</text>`,
  `<text x="70" y="34" font-size="16" font-weight="bold">shopops</text><text x="146" y="34" font-size="12" fill="#888">APP  09:00</text>`,
  ...lines.map((l, i) => {
    const y = 66 + i * 26;
    const fill = l.small ? "#616061" : "#1d1c1d";
    const deco = l.strike ? ` text-decoration="line-through"` : "";
    return `<text x="70" y="${y}" font-size="${l.small ? 13 : 15}" font-weight="${l.bold ? "bold" : "normal"}" fill="${fill}"${deco}>${esc(l.text.slice(0, 90))}</text>`;
  }),
  "</svg>",
].join("");
writeFileSync(new URL("checklist-message.png", import.meta.url), new Resvg(svg, { font: { loadSystemFonts: true, defaultFontFamily: "Noto Sans CJK SC" } }).render().asPng());
