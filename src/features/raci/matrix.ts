// The RACI matrix of a flow: tasks by people. As text for Block Kit and as a PNG picture drawn
// as SVG and rasterised by Skia with the system's CJK font, so Chinese names stay legible.
import { esc as escMd } from "../../infra/markup.ts";
import { svgToPng } from "../../infra/png.ts";
import type { Task } from "../../generated/prisma/client.ts";
import { parseTask } from "./task-row.ts";
import type { Deps } from "../../deps.ts";
import { DomainError } from "../../infra/errors.ts";
import type { MessageKey, Translator } from "../../infra/i18n.ts";
import { FLOWS } from "./rules.ts";

export interface Matrix {
  people: string[];
  rows: { task: string; cells: string[] }[];
}

export function buildMatrix(tasks: Task[]): Matrix {
  const people: string[] = [];
  const add = (u: string) => !people.includes(u) && people.push(u);
  for (const t of tasks) {
    const p = parseTask(t);
    [...p.r, t.aId, ...p.c, ...p.i].forEach(add);
  }
  const rows = tasks.map((t) => {
    const p = parseTask(t);
    return {
      task: t.title,
      cells: people.map((u) =>
        [p.r.includes(u) ? "R" : "", t.aId === u ? "A" : "", p.c.includes(u) ? "C" : "", p.i.includes(u) ? "I" : ""]
          .filter(Boolean)
          .join("/"),
      ),
    };
  });
  return { people, rows };
}

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const FILL: Record<string, string> = { R: "#d6eaff", A: "#ffe1c2", C: "#e3f5d8", I: "#eeeeee" };

/** Column labels are display names (people's names or roles), not Slack ids. */
export function matrixPng(title: string, taskHeader: string, m: Matrix, names: Map<string, string>): Promise<Buffer> {
  const colW = 150;
  const firstW = 460;
  const rowH = 44;
  const width = firstW + colW * Math.max(1, m.people.length) + 20;
  const height = 70 + rowH * (m.rows.length + 1) + 20;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="Noto Sans CJK SC, sans-serif">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="10" y="40" font-size="24" font-weight="bold">${esc(title)}</text>`,
  ];
  const y0 = 60;
  parts.push(`<text x="16" y="${y0 + 28}" font-size="18" font-weight="bold">${esc(taskHeader)}</text>`);
  m.people.forEach((u, j) =>
    parts.push(
      `<text x="${firstW + j * colW + colW / 2}" y="${y0 + 28}" font-size="17" font-weight="bold" text-anchor="middle">${esc((names.get(u) ?? u).slice(0, 16))}</text>`,
    ),
  );
  m.rows.forEach((r, i) => {
    const y = y0 + rowH * (i + 1);
    parts.push(`<line x1="10" y1="${y}" x2="${width - 10}" y2="${y}" stroke="#cccccc"/>`);
    parts.push(`<text x="16" y="${y + 28}" font-size="17">${esc(r.task.slice(0, 26))}</text>`);
    r.cells.forEach((c, j) => {
      if (!c) return;
      const x = firstW + j * colW;
      parts.push(
        `<rect x="${x + 10}" y="${y + 6}" width="${colW - 20}" height="${rowH - 12}" rx="6" fill="${FILL[c[0]!] ?? "#eee"}"/>`,
      );
      parts.push(
        `<text x="${x + colW / 2}" y="${y + 29}" font-size="18" font-weight="bold" text-anchor="middle">${c}</text>`,
      );
    });
  });
  parts.push("</svg>");
  return svgToPng(parts.join(""));
}

export function matrixText(m: Matrix, taskHeader: string): string {
  const head = `${escMd(taskHeader)} | ${m.people.map((u) => (/^[CG]/.test(u) ? `<#${u}>` : `<@${u}>`)).join(" | ")}`;
  return [head, ...m.rows.map((r) => `${escMd(r.task)} | ${r.cells.map((c) => c || "·").join(" | ")}`)].join("\n");
}

/** A flow's matrix as a picture, with its caption, in the reader's language. */
export async function flowMatrix(deps: Deps, t: Translator, ref: string) {
  const number = Number(ref.replace(/^#/, ""));
  const flow = Number.isInteger(number) ? await deps.db.taskFlow.findUnique({ where: { number } }) : null;
  if (!flow) throw new DomainError("raci.error.notFound", { ref });
  const tasks = await deps.db.task.findMany({ where: { flowId: flow.id }, orderBy: { flowStep: "asc" } });
  const m = buildMatrix(tasks);
  // Columns show the role each person holds in the team's map: legible, and in the reader's language.
  const mappings = await deps.db.roleMapping.findMany();
  const names = new Map<string, string>();
  for (const r of mappings) if (!names.has(r.userId)) names.set(r.userId, t(`role.${r.role}` as MessageKey));
  const title = t("raci.matrix.title", { number: flow.number, name: flow.name });
  const header = t("raci.matrix.task");
  // The picture is the matrix; the message around it is a caption, not a pipe table.
  return {
    text: `*${title}*\n${t("raci.matrix.legend")}`,
    png: await matrixPng(`${title} · ${FLOWS[flow.template]?.name["zh-CN"] ?? ""}`, header, m, names),
    flow,
  };
}
