// The rules of the house that a reviewer would otherwise have to remember: the domain never
// imports Slack, and no module imports itself through others (type imports included: a loop of
// types is still a loop a reader has to untangle).
import { readdirSync, readFileSync, statSync } from "node:fs";
import { basename, dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const SRC = resolve("src");

function sources(dir = SRC): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory())
      return p.includes(`${SRC}/generated`) || p.includes("sandbox/page") ? [] : sources(p);
    return p.endsWith(".ts") ? [p] : [];
  });
}

/** Every module a file imports or re-exports from, as written. */
function specifiers(file: string): string[] {
  const text = readFileSync(file, "utf8");
  return [
    ...text.matchAll(/^\s*(?:import|export)\s[^;]*?from\s+"([^"]+)"/gms),
    ...text.matchAll(/import\(\s*"([^"]+)"\s*\)/g),
  ].map((m) => m[1]!);
}

/** A feature's Slack side: its Bolt handlers (slack*.ts), Block Kit (blocks.ts, modals.ts) and its wiring (index.ts). */
const slackSide = (file: string) => /^(slack.*|blocks|modals|index)\.ts$/.test(basename(file));

describe("the house", () => {
  it("nothing under features/ but a feature's Slack side imports @slack/* or src/slack/", () => {
    const offenders: string[] = [];
    for (const file of sources(join(SRC, "features"))) {
      if (dirname(file) === join(SRC, "features") || slackSide(file)) continue;
      for (const s of specifiers(file)) {
        const slack =
          s.startsWith("@slack/") ||
          (s.startsWith(".") && resolve(dirname(file), s).startsWith(join(SRC, "slack") + "/"));
        if (slack) offenders.push(`${relative(SRC, file)} imports ${s}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it("the check sees a violation when there is one", () => {
    // The rule above must be able to fail: a Bolt handler file does import Slack.
    const handler = join(SRC, "features", "complaints", "slack-card.ts");
    expect(specifiers(handler).some((s) => s.startsWith("@slack/"))).toBe(true);
  });

  it("has no import cycles in src/", () => {
    const files = sources();
    const known = new Set(files);
    const graph = new Map(
      files.map((f) => [
        f,
        specifiers(f)
          .filter((s) => s.startsWith("."))
          .map((s) => resolve(dirname(f), s))
          .filter((t) => known.has(t)),
      ]),
    );
    // Tarjan's strongly connected components: any component of two or more files is a cycle.
    let next = 0;
    const index = new Map<string, number>();
    const low = new Map<string, number>();
    const stack: string[] = [];
    const onStack = new Set<string>();
    const cycles: string[][] = [];
    const visit = (v: string) => {
      index.set(v, next);
      low.set(v, next++);
      stack.push(v);
      onStack.add(v);
      for (const w of graph.get(v)!) {
        if (!index.has(w)) {
          visit(w);
          low.set(v, Math.min(low.get(v)!, low.get(w)!));
        } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
      }
      if (low.get(v) === index.get(v)) {
        const component: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          component.push(relative(SRC, w));
        } while (w !== v);
        if (component.length > 1 || graph.get(v)!.includes(v)) cycles.push(component.sort());
      }
    };
    for (const f of files) if (!index.has(f)) visit(f);
    expect(cycles).toEqual([]);
  });
});
