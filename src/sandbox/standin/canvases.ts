// Canvases as the stand-in keeps them, the way Slack's methods describe them: a canvas is a list
// of sections, each a heading, a paragraph, a list or a table of canvas markdown, with an id that
// canvases.sections.lookup finds (headings by type, any section by the text it contains) and
// canvases.edit replaces, deletes or writes beside, one change per call.
export interface CanvasSection {
  id: string;
  type: "h1" | "h2" | "h3" | "paragraph" | "list" | "table" | "quote";
  markdown: string;
}

export interface Canvas {
  id: string;
  title: string;
  /** The channel whose tabs it is in (canvases.create's channel_id). */
  channel?: string;
  sections: CanvasSection[];
}

function typeOf(block: string): CanvasSection["type"] {
  const h = /^(#{1,3})\s/.exec(block);
  if (h) return `h${h[1]!.length}` as CanvasSection["type"];
  if (block.startsWith("|")) return "table";
  if (block.startsWith(">")) return "quote";
  if (/^(\d+\.|[-*]|- \[[ x]\])\s/.test(block)) return "list";
  return "paragraph";
}

/** Canvas markdown cut into sections: a heading is a section of its own, other blocks end at a blank line. */
export function sectionsOf(markdown: string, nextId: () => string): CanvasSection[] {
  const blocks: string[] = [];
  let open: string[] = [];
  const close = () => {
    if (open.length) blocks.push(open.join("\n"));
    open = [];
  };
  for (const line of markdown.replace(/\r\n/g, "\n").split("\n")) {
    if (/^#{1,3}\s/.test(line)) {
      close();
      blocks.push(line);
    } else if (!line.trim()) close();
    else open.push(line);
  }
  close();
  return blocks.map((markdown) => ({ id: nextId(), type: typeOf(markdown), markdown }));
}

/** The words a section shows, without the markdown around them (what contains_text is matched against). */
export function plainOf(s: Pick<CanvasSection, "markdown">): string {
  return s.markdown
    .replace(/!\[\]\([@#]([A-Z0-9]+)\)/g, "$1")
    .replace(/^(#{1,3}|>|\d+\.|[-*])\s+/gm, "")
    .replace(/\|\s*-{3,}\s*/g, "")
    .replace(/\\(.)/g, "$1");
}

export interface LookupCriteria {
  section_types?: string[];
  contains_text?: string;
}

export function lookup(c: Canvas, criteria: LookupCriteria): string[] {
  const types = criteria.section_types;
  return c.sections
    .filter((s) => {
      const header = /^h[123]$/.test(s.type);
      if (types?.length && !types.some((t) => t === s.type || (t === "any_header" && header))) return false;
      return criteria.contains_text === undefined || plainOf(s).includes(criteria.contains_text);
    })
    .map((s) => s.id);
}

export interface CanvasChange {
  operation?: string;
  section_id?: string;
  document_content?: { type?: string; markdown?: string };
}

/** One change applied, or Slack's error for it. */
export function applyChange(c: Canvas, ch: CanvasChange, nextId: () => string): string | undefined {
  const fresh = () => sectionsOf(ch.document_content?.markdown ?? "", nextId);
  const at = ch.section_id ? c.sections.findIndex((s) => s.id === ch.section_id) : -1;
  const needsSection = ["insert_after", "insert_before", "delete"].includes(ch.operation ?? "");
  if ((needsSection || ch.section_id) && at < 0) return ch.section_id ? "invalid_section_id" : "missing_section_id";
  if (ch.operation !== "delete" && ch.document_content?.type !== "markdown") return "invalid_document_content";
  switch (ch.operation) {
    case "insert_at_start":
      c.sections.unshift(...fresh());
      return undefined;
    case "insert_at_end":
      c.sections.push(...fresh());
      return undefined;
    case "insert_after":
      c.sections.splice(at + 1, 0, ...fresh());
      return undefined;
    case "insert_before":
      c.sections.splice(at, 0, ...fresh());
      return undefined;
    case "delete":
      c.sections.splice(at, 1);
      return undefined;
    case "replace":
      if (at < 0) c.sections = fresh();
      else c.sections.splice(at, 1, ...fresh());
      return undefined;
    default:
      return "invalid_operation";
  }
}
