// A promotion's retrospective as a canvas in its channel: a document the team keeps editing after
// the meeting. The bot owns three tables (plan vs actual, the improvement actions, the late items)
// and brings them up to date whenever the retrospective form is sent again; the factors and the
// five whys are written once and are the team's from then on.
import type { Campaign } from "../../generated/prisma/client.ts";
import type { Translator } from "../../infra/i18n.ts";
import { canvasText, canvasWho, ownedPart, type CanvasDocument, type CanvasPart } from "../../outbox/canvas.ts";
import type { Table } from "../../outbox/table.ts";

/** What the canvas is drawn from (retro.ts gathers it): the form's answers, late items, the figures. */
export interface RetroCanvasFacts {
  success: string;
  failure: string;
  whys: string[];
  actions: { action: string; owner: string; deadline: string; acceptance: string }[];
  late: { title: string; ownerId: string; dueDate: string }[];
  plan: Pick<Table, "header" | "rows">;
}

/** One document per promotion, whatever its channel. */
export const retroCanvasKey = (c: Pick<Campaign, "id">) => `retro:${c.id}`;

const orNone = (rows: string[][], width: number) => (rows.length ? rows : [["–", ...Array(width - 1).fill("")]]);

function teamPart(heading: string, markdown: string): CanvasPart {
  return { heading: `## ${canvasText(heading)}`, markdown: markdown || "–" };
}

export function retroCanvas(c: Campaign, t: Translator, r: RetroCanvasFacts): CanvasDocument {
  const { plan } = r;
  const actions = {
    header: ["", t("promo.canvas.owner"), t("promo.canvas.deadline"), t("promo.canvas.acceptance")],
    rows: orNone(
      r.actions.map((a) => [
        canvasText(a.action),
        canvasWho(a.owner),
        canvasText(a.deadline),
        canvasText(a.acceptance),
      ]),
      4,
    ),
  };
  const late = {
    header: ["", t("promo.canvas.owner"), t("promo.canvas.due")],
    rows: orNone(
      r.late.map((i) => [canvasText(i.title), canvasWho(i.ownerId), i.dueDate]),
      3,
    ),
  };
  const title = t("promo.canvas.title", { number: c.number, name: c.name, date: c.eventDate });
  return {
    key: retroCanvasKey(c),
    title,
    parts: [
      // The bot's own words, with a command as code: written as they are.
      { markdown: `> ${t("promo.canvas.intro")}` },
      ownedPart(t("promo.canvas.planTag"), t("promo.canvas.plan"), {
        header: ["", ...plan.header.slice(1)],
        rows: plan.rows.map((row) => row.map((cell) => (typeof cell === "string" ? cell : ""))),
      }),
      teamPart(t("promo.retro.success"), canvasText(r.success)),
      teamPart(t("promo.retro.failure"), canvasText(r.failure)),
      teamPart(t("promo.canvas.whys"), r.whys.map((w, i) => `${i + 1}. ${canvasText(w)}`).join("\n")),
      // Cells already in canvas markdown (escaped text, mentions): written as they are.
      ownedPart(t("promo.canvas.actionsTag"), t("promo.canvas.actions"), actions, [0, 1, 2, 3]),
      ownedPart(t("promo.canvas.lateTag"), t("promo.canvas.late"), late, [0, 1, 2]),
    ],
    made: t("canvas.retro.made"),
    updated: t("canvas.retro.updated"),
  };
}
