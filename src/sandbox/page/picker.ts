// A multi-select as Slack draws one: the chosen ones as chips with ×, a box to type in that
// filters the rest, ↑/↓ to move, Enter to take one, Backspace on an empty box to drop the last.
// A native multi-select (ctrl-click) is how no one picks five people.
import { h } from "./dom.ts";
import { word } from "./words.ts";

export interface PickerOption {
  label: string;
  value: string;
}

export function multiPicker(
  options: PickerOption[],
  initial: Set<string>,
  label: string,
  onChange: (values: string[]) => void,
  max = Infinity,
): HTMLElement {
  const chosen: string[] = options.filter((o) => initial.has(o.value)).map((o) => o.value);
  let active = 0;
  // Open while the person looks for someone; closed after a pick, so it never covers the next
  // field: typing or ↓ opens it again.
  let open = false;
  const chips = h("span", { class: "chips" });
  const search = h("input", {
    class: "picker-search",
    type: "text",
    placeholder: word("select"),
    "aria-label": label,
    role: "combobox",
    "aria-expanded": "false",
  }) as HTMLInputElement;
  const list = h("ul", { class: "picker-list", role: "listbox", hidden: true });
  const labelOf = (v: string) => options.find((o) => o.value === v)?.label ?? v;
  const matches = () => {
    const q = search.value.trim().toLowerCase();
    return options.filter((o) => !chosen.includes(o.value) && (!q || o.label.toLowerCase().includes(q)));
  };
  const drawList = () => {
    const m = matches();
    active = Math.min(active, Math.max(0, m.length - 1));
    list.replaceChildren(
      ...m.map((o, i) =>
        h(
          "li",
          {
            role: "option",
            class: i === active ? "active" : "",
            "aria-selected": i === active ? "true" : "false",
            // mousedown, not click: the box keeps the focus, so the list stays open for the next.
            onMousedown: (e: Event) => {
              e.preventDefault();
              take(o.value);
            },
          },
          o.label,
        ),
      ),
    );
    list.hidden = !open || document.activeElement !== search || m.length === 0;
    search.setAttribute("aria-expanded", String(!list.hidden));
  };
  const drawChips = () =>
    chips.replaceChildren(
      ...chosen.map((v) =>
        h(
          "span",
          { class: "chip", "data-value": v },
          labelOf(v),
          h(
            "button",
            { class: "chip-x", type: "button", "aria-label": `Remove ${labelOf(v)}`, onClick: () => drop(v) },
            "×",
          ),
        ),
      ),
    );
  const changed = () => {
    drawChips();
    drawList();
    onChange([...chosen]);
  };
  const take = (v: string) => {
    if (chosen.length >= max) return; // as Slack: the picker holds at most max_selected_items
    chosen.push(v);
    search.value = "";
    active = 0;
    open = false;
    changed();
  };
  const drop = (v: string) => {
    chosen.splice(chosen.indexOf(v), 1);
    changed();
  };
  search.addEventListener("input", () => ((active = 0), (open = true), drawList()));
  search.addEventListener("click", () => ((open = true), drawList()));
  search.addEventListener("blur", () => ((open = false), drawList()));
  search.addEventListener("keydown", (e) => {
    const m = matches();
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      if (open) active = (active + (e.key === "ArrowDown" ? 1 : -1) + m.length) % Math.max(1, m.length);
      open = true;
      drawList();
    } else if (e.key === "Enter") {
      // Enter picks; it never submits the form from here.
      e.preventDefault();
      const pick = open ? m[active] : undefined;
      if (pick) take(pick.value);
    } else if (e.key === "Backspace" && !search.value && chosen.length) drop(chosen.at(-1)!);
    else if (e.key === "Escape" && !list.hidden) {
      e.stopPropagation(); // closes the list, not the modal
      open = false;
      drawList();
    }
  });
  drawChips();
  return h("div", { class: "picker" }, chips, search, list);
}
