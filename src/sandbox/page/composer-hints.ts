// Suggestions while typing, as Slack's composer gives them: a slash command at the start of the
// box, a person after `@`, a channel after `#`. A picked person or channel is written as its name;
// the stand-in turns `@Name` and `#name` into what Slack delivers (`<@U…|name>`, `<#C…|name>`).
import { h } from "./dom.ts";
import { s } from "./session.ts";

type Pick = (replacement: string, from: number) => void;

export function hintsFor(value: string, caret: number, pick: Pick): HTMLElement[] {
  const before = value.slice(0, caret);
  if (before.startsWith("/") && !before.includes(" ")) return commandHints(before, pick);
  const m = /(^|[\s(（])([@#])([^\s@#]*)$/u.exec(before);
  if (!m) return [];
  const from = before.length - m[3]!.length - 1;
  const q = m[3]!.toLowerCase();
  if (m[2] === "@") {
    return s
      .state!.people.filter((p) => [p.name, p.realName ?? ""].some((n) => n.toLowerCase().includes(q)))
      .slice(0, 8)
      .map((p) =>
        h(
          "li",
          {
            class: "hint-person",
            onMouseDown: (e: Event) => e.preventDefault(),
            onClick: () => pick(`@${p.realName ?? p.name}`, from),
          },
          h("b", {}, p.realName ?? p.name),
          h("small", {}, `@${p.name}${p.title ? ` · ${p.title}` : ""}`),
        ),
      );
  }
  return s
    .state!.channels.filter((c) => c.name.toLowerCase().includes(q))
    .slice(0, 8)
    .map((c) =>
      h(
        "li",
        {
          class: "hint-channel",
          onMouseDown: (e: Event) => e.preventDefault(),
          onClick: () => pick(`#${c.name}`, from),
        },
        h("b", {}, `#${c.name}`),
      ),
    );
}

function commandHints(typed: string, pick: Pick): HTMLElement[] {
  return s
    .state!.commands.filter((c) => c.command.startsWith(typed))
    .map((c) =>
      h(
        "li",
        { onClick: () => pick(c.command, 0) },
        h("b", {}, c.command),
        " ",
        h("span", {}, c.hint),
        h("small", {}, c.description),
      ),
    );
}
