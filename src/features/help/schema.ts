import { z } from "zod";

/** `/shopops <sub> [args]`: what the text after the command may be. */
export const ShopopsCommand = z.union([
  z.object({ sub: z.literal("help") }),
  z.object({ sub: z.literal("status") }),
  z.object({ sub: z.literal("language"), value: z.enum(["zh-CN", "en", "auto"]) }),
  z.object({
    sub: z.literal("channelLanguage"),
    channelId: z.string().regex(/^[CG][A-Z0-9]{2,}$/),
    value: z.enum(["zh-CN", "en", "auto"]),
  }),
  z.object({ sub: z.literal("export"), from: z.string(), to: z.string(), feature: z.string().optional() }),
]);
export type ShopopsCommand = z.infer<typeof ShopopsCommand>;

export type ParseResult =
  { ok: true; cmd: ShopopsCommand } | { ok: false; usage: "usage.language" | "usage.unknown" | "usage.export" };

export function parseShopopsCommand(text: string): ParseResult {
  const [sub = "help", ...rest] = text.trim().split(/\s+/).filter(Boolean);
  const name = sub.toLowerCase();
  if (["help", "帮助", "幫助", "?"].includes(name)) return { ok: true, cmd: { sub: "help" } };
  if (name === "status") return { ok: true, cmd: { sub: "status" } };
  if (["language", "lang", "语言", "語言"].includes(name)) {
    // `/shopops language #channel en`: the channel's language (admins); without a channel, yours.
    const channel = /^<#([CG][A-Z0-9]+)(\|[^>]*)?>$/.exec(rest[0] ?? "")?.[1];
    const raw = (channel ? rest[1] : rest[0]) ?? "";
    const value = /^zh/i.test(raw) ? "zh-CN" : /^en/i.test(raw) ? "en" : raw.toLowerCase();
    const parsed = ShopopsCommand.safeParse(
      channel ? { sub: "channelLanguage", channelId: channel, value } : { sub: "language", value },
    );
    return parsed.success ? { ok: true, cmd: parsed.data } : { ok: false, usage: "usage.language" };
  }
  if (["export", "导出", "導出"].includes(name)) {
    // The dates and feature are checked by the service, which names the one that is wrong.
    if (rest.length < 2 || rest.length > 3) return { ok: false, usage: "usage.export" };
    return { ok: true, cmd: { sub: "export", from: rest[0]!, to: rest[1]!, feature: rest[2]?.toLowerCase() } };
  }
  return { ok: false, usage: "usage.unknown" };
}
