// The roll-up's buttons: "Post them one by one" and the menu that posts one of them. Anyone who
// sees the roll-up may press them; the answer is only for them.
import type { App, BlockAction, ButtonAction, StaticSelectAction } from "@slack/bolt";
import type { Deps } from "../../deps.ts";
import { userContext } from "../../people/people.ts";
import { replyEphemeral } from "../reply.ts";
import { ROLLUP_POST_ALL, ROLLUP_POST_ONE } from "./rollup-blocks.ts";
import { unfold } from "./unfold.ts";

const ID = /^c[a-z0-9]{12,40}$/;

export function registerRollupActions(app: App, deps: Deps): void {
  const answer = async (body: BlockAction, n: number, one: boolean) => {
    const user = await userContext(deps, body.user.id);
    const text =
      n === 0 ? user.t("rollup.nothing") : one ? user.t("rollup.postingOne") : user.t("rollup.posting", { n });
    await replyEphemeral(
      deps,
      { responseUrl: body.response_url, channel: body.channel?.id, userId: body.user.id },
      { text },
    );
    deps.outbox.kick();
  };
  app.action<BlockAction<ButtonAction>>(ROLLUP_POST_ALL, async ({ ack, body, action }) => {
    await ack();
    if (!ID.test(action.value ?? "")) return;
    await answer(body, await unfold(deps.sql, deps.clock.now(), { rollupId: action.value! }), false);
  });
  app.action<BlockAction<StaticSelectAction>>(ROLLUP_POST_ONE, async ({ ack, body, action }) => {
    await ack();
    const rollupId = (action.block_id ?? "").replace(/^rollup:/, "");
    const messageId = action.selected_option?.value ?? "";
    if (!ID.test(rollupId) || !ID.test(messageId)) return;
    await answer(body, await unfold(deps.sql, deps.clock.now(), { rollupId, messageId }), true);
  });
}
