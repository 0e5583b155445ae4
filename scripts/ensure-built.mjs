// Rebuilds dist/ when any file under src/ is newer than it (a git pull, an edit), so `npm start`
// always runs the code in the tree. Costs a directory walk when nothing changed.
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const built = join(root, "dist/main.js");

function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

if (!existsSync(built) || newest(join(root, "src")) > statSync(built).mtimeMs) {
  await import("./build.mjs");
}
