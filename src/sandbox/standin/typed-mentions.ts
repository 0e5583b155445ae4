// What Slack's client and server do to a typed `@name` or `#channel` before the app sees it: the
// mention becomes `<@U…|name>` and the channel `<#C…|name>` in a slash command's text (the
// manifest's should_escape), `<@U…>` and `<#C…|name>` in a message. The sandbox's composer lets a
// visitor type names, as they would in Slack, and this turns them into what the bot receives.
import type { Channel, Person } from "./workspace.ts";

interface Named {
  label: string;
  escaped: string;
}

const BOUNDARY = /^(?:$|[\s,.;:!?，。；：！？、)）\]】"'”’])/u;

function candidates(people: Iterable<Person>, channels: Iterable<Channel>, inCommand: boolean) {
  const at: Named[] = [];
  for (const p of people) {
    const escaped = inCommand ? `<@${p.id}|${p.name}>` : `<@${p.id}>`;
    for (const label of new Set([p.realName, p.name].filter((x): x is string => Boolean(x))))
      at.push({ label, escaped });
  }
  const hash = [...channels].filter((c) => !c.dmWith).map((c) => ({ label: c.name, escaped: `<#${c.id}|${c.name}>` }));
  // Longest first: "@David Park" wins over "@David".
  const byLength = (a: Named, b: Named) => b.label.length - a.label.length;
  return { at: at.sort(byLength), hash: hash.sort(byLength) };
}

/** The text as Slack would deliver it; names nobody has stay as typed, as they do in Slack. */
export function escapeTyped(
  text: string,
  people: Iterable<Person>,
  channels: Iterable<Channel>,
  inCommand: boolean,
): string {
  const { at, hash } = candidates(people, channels, inCommand);
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    const prev = i === 0 ? " " : text[i - 1]!;
    // Already escaped (`<@U…>`, `<#C…>`), or part of a word (an e-mail address, a SKU like A#12).
    if ((ch === "@" || ch === "#") && prev !== "<" && !/[\p{L}\p{N}_]/u.test(prev)) {
      const rest = text.slice(i + 1);
      const hit = (ch === "@" ? at : hash).find(
        (n) => rest.toLowerCase().startsWith(n.label.toLowerCase()) && BOUNDARY.test(rest.slice(n.label.length)),
      );
      if (hit) {
        out += hit.escaped;
        i += hit.label.length;
        continue;
      }
    }
    out += ch;
  }
  return out;
}
