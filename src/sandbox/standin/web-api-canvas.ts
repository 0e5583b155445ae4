// canvases.* as Slack answers them: a canvas made in a channel's tabs, its sections looked up and
// edited one change per call; missing_scope without canvases:write (or :read for lookups), and
// the free plan's limits (one canvas tab per channel, none outside a channel).
import { applyChange, lookup, sectionsOf, type CanvasChange, type LookupCriteria } from "./canvases.ts";
import { fail, json, ok, str, type Answer, type Call, type Method } from "./web-api-kit.ts";

function scoped(c: Call, scope: string): Answer | undefined {
  const granted = c.ctx.ws.scopes;
  if (!granted || granted.has(scope)) return undefined;
  return fail("missing_scope", { needed: scope, provided: [...granted].join(",") });
}

function canvasOf(c: Call) {
  return c.ctx.ws.canvases.get(str(c.args.canvas_id) ?? "");
}

export const CANVAS_METHODS: Record<string, Method> = {
  "canvases.create": (c) => {
    const { ws } = c.ctx;
    const refused = scoped(c, "canvases:write");
    if (refused) return refused;
    const channelId = str(c.args.channel_id);
    const channel = channelId ? ws.resolveChannel(channelId) : undefined;
    if (channelId && !channel) return fail("channel_not_found");
    if (ws.plan === "free") {
      if (!channel) return fail("free_teams_cannot_create_non_tabbed_canvases");
      if ([...ws.canvases.values()].some((x) => x.channel === channel.id))
        return fail("free_team_canvas_tab_already_exists");
    }
    const content = json<{ type?: string; markdown?: string }>(c.args.document_content);
    if (content && content.type !== "markdown") return fail("invalid_document_content");
    const id = ws.nextId("F");
    const canvas = {
      id,
      title: str(c.args.title) ?? "",
      channel: channel?.id,
      sections: sectionsOf(content?.markdown ?? "", () => `temp:C:${ws.nextId("S")}`),
    };
    ws.canvases.set(id, canvas);
    ws.emitChange({ type: "canvas", canvas });
    return ok({ canvas_id: id });
  },
  "canvases.sections.lookup": (c) => {
    const refused = scoped(c, "canvases:read");
    if (refused) return refused;
    const canvas = canvasOf(c);
    if (!canvas) return fail("canvas_not_found");
    const criteria = json<LookupCriteria>(c.args.criteria);
    if (!criteria || (criteria.contains_text === undefined && !criteria.section_types?.length))
      return fail("invalid_arguments");
    return ok({ sections: lookup(canvas, criteria).map((id) => ({ id })) });
  },
  "canvases.edit": (c) => {
    const { ws } = c.ctx;
    const refused = scoped(c, "canvases:write");
    if (refused) return refused;
    const canvas = canvasOf(c);
    if (!canvas) return fail("canvas_not_found");
    const changes = json<CanvasChange[]>(c.args.changes);
    // Slack applies one change per call.
    if (!Array.isArray(changes) || changes.length !== 1) return fail("invalid_changes");
    const error = applyChange(canvas, changes[0]!, () => `temp:C:${ws.nextId("S")}`);
    if (error) return fail(error);
    ws.emitChange({ type: "canvas", canvas });
    return ok();
  },
};
