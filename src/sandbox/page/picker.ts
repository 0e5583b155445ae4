// A multi-select as Slack draws one: the chosen ones as chips with ×, a box to type in that
// filters the rest, ↑/↓ to move, Enter to take one, Backspace on an empty box to drop the last.
// A native multi-select (ctrl-click) is how no one picks five people.
import { h } from "./dom.ts";
import { word } from "./words.ts";

export interface PickerOption {
  label: string;
  value: string;
}

class Picker {
  readonly chosen: string[];
  private active = 0;
  // Open while the person looks for someone; closed after a pick, so it never covers the next
  // field: typing or ↓ opens it again.
  private open = false;
  readonly chips = h("span", { class: "chips" });
  readonly list = h("ul", { class: "picker-list", role: "listbox", hidden: true });
  readonly search: HTMLInputElement;

  constructor(
    private readonly options: PickerOption[],
    initial: Set<string>,
    label: string,
    private readonly onChange: (values: string[]) => void,
    private readonly max: number,
  ) {
    this.chosen = options.filter((o) => initial.has(o.value)).map((o) => o.value);
    this.search = h("input", {
      class: "picker-search",
      type: "text",
      placeholder: word("select"),
      "aria-label": label,
      role: "combobox",
      "aria-expanded": "false",
    }) as HTMLInputElement;
    this.search.addEventListener("input", () => this.show(0));
    this.search.addEventListener("click", () => this.show(this.active));
    this.search.addEventListener("blur", () => ((this.open = false), this.drawList()));
    this.search.addEventListener("keydown", (e) => this.key(e));
    this.drawChips();
  }

  private labelOf = (v: string) => this.options.find((o) => o.value === v)?.label ?? v;

  private matches() {
    const q = this.search.value.trim().toLowerCase();
    return this.options.filter((o) => !this.chosen.includes(o.value) && (!q || o.label.toLowerCase().includes(q)));
  }

  private show(active: number) {
    this.active = active;
    this.open = true;
    this.drawList();
  }

  private drawList() {
    const m = this.matches();
    this.active = Math.min(this.active, Math.max(0, m.length - 1));
    const item = (o: PickerOption, i: number) =>
      h(
        "li",
        {
          role: "option",
          class: i === this.active ? "active" : "",
          "aria-selected": i === this.active ? "true" : "false",
          // mousedown, not click: the box keeps the focus.
          onMousedown: (e: Event) => (e.preventDefault(), this.take(o.value)),
        },
        o.label,
      );
    this.list.replaceChildren(...m.map(item));
    this.list.hidden = !this.open || document.activeElement !== this.search || m.length === 0;
    this.search.setAttribute("aria-expanded", String(!this.list.hidden));
  }

  private drawChips() {
    const chip = (v: string) =>
      h(
        "span",
        { class: "chip", "data-value": v },
        this.labelOf(v),
        h(
          "button",
          { class: "chip-x", type: "button", "aria-label": `Remove ${this.labelOf(v)}`, onClick: () => this.drop(v) },
          "×",
        ),
      );
    this.chips.replaceChildren(...this.chosen.map(chip));
  }

  private changed() {
    this.drawChips();
    this.drawList();
    this.onChange([...this.chosen]);
  }

  private take(v: string) {
    if (this.chosen.length >= this.max) return; // as Slack: at most max_selected_items
    this.chosen.push(v);
    this.search.value = "";
    this.active = 0;
    this.open = false;
    this.changed();
  }

  private drop(v: string) {
    this.chosen.splice(this.chosen.indexOf(v), 1);
    this.changed();
  }

  private key(e: KeyboardEvent) {
    const m = this.matches();
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      const step = e.key === "ArrowDown" ? 1 : -1;
      this.show(this.open ? (this.active + step + m.length) % Math.max(1, m.length) : this.active);
    } else if (e.key === "Enter") {
      // Enter picks; it never submits the form from here.
      e.preventDefault();
      const pick = this.open ? m[this.active] : undefined;
      if (pick) this.take(pick.value);
    } else if (e.key === "Backspace" && !this.search.value && this.chosen.length) this.drop(this.chosen.at(-1)!);
    else if (e.key === "Escape" && !this.list.hidden) {
      e.stopPropagation(); // closes the list, not the form
      this.open = false;
      this.drawList();
    }
  }
}

export function multiPicker(
  options: PickerOption[],
  initial: Set<string>,
  label: string,
  onChange: (values: string[]) => void,
  max = Infinity,
): HTMLElement {
  const p = new Picker(options, initial, label, onChange, max);
  return h("div", { class: "picker" }, p.chips, p.search, p.list);
}
