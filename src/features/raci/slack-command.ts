// /task: new, mine, overdue, matrix, flow, role, roles.
import type { App } from "@slack/bolt";
import type { Deps } from "../../deps.ts";
import { onSlashCommand } from "../../slack/handler-kit.ts";
import { startFlow } from "./flows.ts";
import { COMMAND } from "./ids.ts";
import { flowMatrix } from "./matrix.ts";
import { createModal } from "./modals.ts";
import { mine, overdue } from "./queries.ts";
import { listRoles, setRole } from "./roles.ts";
import { parseTaskCommand } from "./schema.ts";

export function registerCommand(app: App, deps: Deps): void {
  onSlashCommand(app, deps, COMMAND, async ({ command, user, words, say, show, open }) => {
    const cmd = parseTaskCommand(words);
    if (!cmd) return void (await show(user.t("raci.usage")));
    switch (cmd.sub) {
      case "new":
        return void (await open(createModal(user.t, { channelId: command.channel_id })));
      case "mine":
        return void (await show(await mine(deps, user.t, command.user_id)));
      case "overdue":
        return void (await show(await overdue(deps, user.t)));
      case "matrix": {
        const m = await flowMatrix(deps, user.t, cmd.ref);
        await deps.outbox.enqueue(deps.db, {
          kind: "file",
          channel: command.user_id,
          body: { text: m.text },
          file: {
            filename: `raci-flow-${m.flow.number}.png`,
            title: `RACI #${m.flow.number}`,
            altText: user.t("raci.matrix.alt", { number: m.flow.number }),
            base64: m.png.toString("base64"),
          },
        });
        return void (await say(user.t("raci.matrix.sent", { number: m.flow.number })));
      }
      case "flow": {
        const r = await startFlow(deps, command.user_id, cmd.template, cmd.name, command.channel_id);
        return void (await say(
          user.t("raci.flow.started", { number: r.flow.number, name: r.flow.name, steps: r.steps, r: `<@${r.first}>` }),
        ));
      }
      case "role": {
        await setRole(deps, command.user_id, { role: cmd.role, userId: cmd.userId, backupId: cmd.backupId });
        const backup = cmd.backupId ? user.t("raci.roles.backup", { user: cmd.backupId }) : "";
        return void (await say(user.t("raci.roles.saved", { role: cmd.role, user: cmd.userId, backup })));
      }
      case "roles": {
        const rows = await listRoles(deps);
        const list = rows.map((r) => `${r.role} → <@${r.userId}>${r.backupId ? ` / <@${r.backupId}>` : ""}`);
        return void (await show(user.t("raci.roles.list", { list: list.join(" · ") || "–" })));
      }
    }
  });
}
