// Playbook templates are data: the built-in one ships as YAML, teams import their own. Each
// import is a new version; a campaign points at the version it started with.
import type { Prisma } from "../../generated/prisma/client.ts";
import { stored } from "../../infra/db/stored.ts";
import { readFileSync } from "node:fs";
import { parse, stringify } from "yaml";
import type { Deps } from "../../deps.ts";
import type { Db } from "../../infra/db/db.ts";
import { DomainError } from "../../infra/errors.ts";
import { fromRoot } from "../../infra/paths.ts";
import { StoredTemplate, Template, templateProblems } from "./rules.ts";

export const BUILTIN = "builtin";

/** JSON with every object's keys sorted: the same value always gives the same text. */
function canonical(v: unknown): string {
  const sort = (x: unknown): unknown =>
    Array.isArray(x)
      ? x.map(sort)
      : x && typeof x === "object"
        ? Object.fromEntries(
            Object.entries(x as Record<string, unknown>)
              .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
              .map(([k, y]) => [k, sort(y)]),
          )
        : x;
  return JSON.stringify(sort(typeof v === "string" ? JSON.parse(v) : v));
}

let builtinCache: Template | undefined;
export function builtinTemplate(): Template {
  builtinCache ??= Template.parse(
    parse(readFileSync(fromRoot("src/features/campaigns/templates/builtin.yaml"), "utf8")),
  );
  return builtinCache;
}

/** Parses a YAML template; every problem is listed, with where it is. */
export function parseTemplateYaml(text: string): Template {
  let raw: unknown;
  try {
    raw = parse(text);
  } catch (e) {
    throw new DomainError("promo.error.template", { problems: `YAML: ${(e as Error).message.split("\n")[0]}` });
  }
  const r = Template.safeParse(raw);
  if (!r.success)
    throw new DomainError("promo.error.template", { problems: templateProblems(r.error).slice(0, 8).join("; ") });
  return r.data;
}

export async function latestTemplate(db: Db, name: string) {
  if (name === BUILTIN) await ensureBuiltin(db);
  const row = await db.playbookTemplate.findFirst({ where: { name }, orderBy: { version: "desc" } });
  if (!row) return undefined;
  return { row, template: stored(StoredTemplate, row.body, "playbook template") as Template };
}

/** The built-in template is stored like any other, as a new version whenever the file changes. */
async function ensureBuiltin(db: Db): Promise<void> {
  const body = builtinTemplate();
  const last = await db.playbookTemplate.findFirst({ where: { name: BUILTIN }, orderBy: { version: "desc" } });
  // Compared with keys in one order: jsonb keeps an object's keys in its own order, not ours.
  if (last && canonical(last.body) === canonical(body)) return;
  try {
    await db.playbookTemplate.create({
      data: {
        name: BUILTIN,
        version: (last?.version ?? 0) + 1,
        body: body as unknown as Prisma.InputJsonObject,
        createdAt: new Date(0),
      },
    });
  } catch (e) {
    if ((e as { code?: string }).code !== "P2002") throw e;
  }
}

export async function importTemplate(deps: Deps, userId: string, yamlText: string) {
  const t = parseTemplateYaml(yamlText);
  if (t.name === BUILTIN) throw new DomainError("promo.error.templateBuiltin");
  const last = await deps.db.playbookTemplate.findFirst({ where: { name: t.name }, orderBy: { version: "desc" } });
  const row = await deps.db.playbookTemplate.create({
    data: {
      name: t.name,
      version: (last?.version ?? 0) + 1,
      body: t as unknown as Prisma.InputJsonObject,
      createdBy: userId,
      createdAt: deps.clock.now(),
    },
  });
  return { name: row.name, version: row.version, items: t.stages.reduce((a, s) => a + s.items.length, 0) };
}

export async function exportTemplate(db: Db, name: string): Promise<string> {
  const found = await latestTemplate(db, name);
  if (!found) throw new DomainError("promo.error.templateUnknown", { name });
  return stringify(found.template, { lineWidth: 0 });
}

export async function templateNames(db: Db): Promise<string[]> {
  await ensureBuiltin(db);
  const rows = await db.playbookTemplate.findMany({
    distinct: ["name"],
    select: { name: true },
    orderBy: { name: "asc" },
  });
  return rows.map((r) => r.name);
}
