// Files that ship beside the code (migrations, the built-in playbook, the sandbox's page) are
// found from the project's root, whether the code runs from src/ (tsx, tests) or dist/ (npm start).
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

let root: string | undefined;

export function projectRoot(): string {
  if (root) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, "package.json");
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, "utf8")) as { name?: string }).name === "shopops")
      return (root = dir);
    const up = dirname(dir);
    if (up === dir) throw new Error("cannot find shopops' package.json above " + fileURLToPath(import.meta.url));
    dir = up;
  }
}

export const fromRoot = (...parts: string[]): string => join(projectRoot(), ...parts);
