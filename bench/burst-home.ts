// App Home as a tier member sees it after a storm: opened, then paged through with its own
// "Next" button, every case number collected from what Slack was asked to show.
import { act, callsSince, event, waitUntil } from "./burst-setup.ts";

interface Block {
  type: string;
  text?: { text?: string };
  elements?: { type: string; action_id?: string; value?: string; text?: string | { text?: string } }[];
}

export async function pageThroughHome(botPort: number, fakePort: number, user: string, maxPages = 1000) {
  let seen = (await callsSince(fakePort, "views.publish", 0)).length;
  await event(botPort, {
    type: "app_home_opened",
    user,
    channel: "D0HOME",
    tab: "home",
    event_ts: `${Date.now() / 1000}`,
  });
  const listed = new Set<number>();
  let total = NaN;
  let pages = 0;
  for (; pages < maxPages; pages++) {
    let view: { blocks: Block[] } | undefined;
    await waitUntil(
      async () => {
        const c = (await callsSince(fakePort, "views.publish", seen)).find((x) => x.args.user_id === user);
        if (c) view = (typeof c.args.view === "string" ? JSON.parse(c.args.view) : c.args.view) as { blocks: Block[] };
        return Boolean(view);
      },
      30_000,
      50,
    );
    if (!view) break;
    seen = (await callsSince(fakePort, "views.publish", 0)).length;
    for (const b of view.blocks) {
      const text = [
        b.text?.text ?? "",
        ...(b.elements ?? []).map((e) => (typeof e.text === "string" ? e.text : (e.text?.text ?? ""))),
      ].join("\n");
      if (b.type === "section") for (const m of text.matchAll(/#(\d+)\b/g)) listed.add(Number(m[1]));
      const counted = /^(\d+) cases?\b|共 (\d+) 个/.exec(text);
      if (b.type === "context" && counted) total = Number(counted[1] ?? counted[2]);
    }
    const next = view.blocks
      .flatMap((b) => b.elements ?? [])
      .find(
        (e) =>
          e.action_id === "home_page" && /Next|下/.test(typeof e.text === "string" ? e.text : (e.text?.text ?? "")),
      );
    if (!next) break;
    await act(botPort, {
      type: "block_actions",
      team: { id: "T1", domain: "acme" },
      user: { id: user, username: user.toLowerCase(), name: user.toLowerCase(), team_id: "T1" },
      api_app_id: "A1",
      token: "legacy",
      container: { type: "view", view_id: "VHOME" },
      trigger_id: `${Date.now()}.2.abcd`,
      view: { id: "VHOME", type: "home", blocks: view.blocks },
      actions: [{ type: "button", action_id: "home_page", block_id: "b", value: next.value, action_ts: "1.2" }],
    });
  }
  return { total, listed, pages: pages + 1 };
}
