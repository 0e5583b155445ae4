// A case's service recovery (补救方案): what was offered, for how much, and who decided.
import { z } from "zod";
import type { Translator } from "../../infra/i18n.ts";
import { REMEDIES, type RemedyKind } from "./rules.ts";

export const RemedyShape = z.object({
  kind: z.enum(REMEDIES),
  amount: z.number().nullable(),
  note: z.string(),
  status: z.enum(["proposed", "pending_approval", "approved", "rejected"]),
  proposedBy: z.string(),
  decidedBy: z.string().optional(),
});

export interface Remedy {
  kind: RemedyKind;
  amount: number | null;
  note: string;
  status: "proposed" | "pending_approval" | "approved" | "rejected";
  proposedBy: string;
  decidedBy?: string;
}

export function remedyText(t: Translator, r: Remedy): string {
  const amount = r.amount != null ? ` ¥${r.amount}` : "";
  return `${t(`remedy.${r.kind}`)}${amount}`;
}
