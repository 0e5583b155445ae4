// Compiles src/ to dist/ with esbuild: one ESM bundle per entry point. `npm start` then runs
// JavaScript, with no TypeScript compiler loaded at start. Run by `npm install` (postinstall)
// and by `npm start` when src/ changed since the last build.
import { build } from "esbuild";
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { asciiOnly } from "./ascii.mjs";

const started = performance.now();
const require = createRequire(import.meta.url);
const dist = new URL("../dist/", import.meta.url);
rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });

// Prisma's generated client loads its query compiler from a module holding the WebAssembly as a
// 2.5 MB base64 string, which stays in memory twice (the module's source and the string) for
// the life of the process. The build writes the bytes out once and the client reads them.
const wasmFromFile = {
  name: "prisma-wasm-from-file",
  setup(b) {
    b.onLoad({ filter: /generated[\\/]prisma(-pg)?[\\/]internal[\\/]class\.ts$/ }, async (args) => {
      const { readFile } = await import("node:fs/promises");
      let source = await readFile(args.path, "utf8");
      source = source.replace(
        /const \{ wasm \} = await import\("(@prisma\/client\/runtime\/query_compiler_bg\.(\w+)\.wasm-base64\.mjs)"\)\s*return await decodeBase64AsWasm\(wasm\)/g,
        (_m, mod, provider) => {
          const { wasm } = require(mod.replace(/\.mjs$/, ".js"));
          writeFileSync(new URL(`query_compiler_bg.${provider}.wasm`, dist), Buffer.from(wasm, "base64"));
          return `return new WebAssembly.Module((await import("node:fs")).readFileSync(new URL("./query_compiler_bg.${provider}.wasm", import.meta.url)))`;
        },
      );
      return { contents: source, loader: "ts" };
    });
  },
};

await build({
  entryPoints: {
    main: "src/main.ts",
    "import-reviews": "src/cli/import-reviews.ts",
    "import-metrics": "src/cli/import-metrics.ts",
    // Long reads' own SQLite connection runs on a thread of its own (src/infra/db/sqlite-reader.ts).
    "sqlite-reader-worker": "src/infra/db/sqlite-reader-worker.mjs",
    // Platform exports are parsed on a thread of their own too (src/intake/exports/sheet.ts).
    "sheet-worker": "src/intake/exports/sheet-worker.mjs",
    // …and read into records and stored on another (src/intake/exports/run-export.ts).
    "export-thread": "src/intake/exports/export-thread.ts",
    // A shared file's download runs on a thread of its own too (src/slack/file-downloads.ts).
    "download-thread": "src/slack/download-thread.ts",
  },
  outdir: "dist",
  bundle: true,
  splitting: true,
  platform: "node",
  format: "esm",
  target: "node20",
  // Pure-JS libraries are bundled (tree-shaken: date-fns alone costs 8 MB of memory when all of it
  // is loaded); packages with native parts, workers or files of their own stay in node_modules.
  external: ["@slack/*", "@prisma/*", "better-sqlite3", "pg", "pino", "echarts", "@napi-rs/*", "prom-client"],
  sourcemap: true,
  minify: process.env.BUILD_MINIFY !== "0",
  keepNames: true,
  // Some bundled CommonJS libraries (yaml) require Node built-ins: give ESM chunks a require.
  banner: {
    js: 'import { createRequire as __shopopsRequire } from "node:module"; const require = __shopopsRequire(import.meta.url);',
  },
  plugins: [wasmFromFile],
  logLevel: "warning",
});
// The bundles are ASCII, so that V8 keeps their source one byte a character (ascii.mjs).
for (const f of readdirSync(dist)) {
  if (!f.endsWith(".js")) continue;
  const file = new URL(f, dist);
  const text = readFileSync(file, "utf8");
  const ascii = asciiOnly(text, f);
  if (ascii !== text) writeFileSync(file, ascii);
}
// The sandbox's page: a browser bundle and its two static files, loaded only in sandbox mode.
await build({
  entryPoints: { app: "src/sandbox/page/app.ts" },
  outdir: "dist/sandbox",
  bundle: true,
  platform: "browser",
  format: "esm",
  target: "es2022",
  minify: process.env.BUILD_MINIFY !== "0",
  sourcemap: true,
  logLevel: "warning",
});
const { copyFileSync } = await import("node:fs");
for (const f of ["index.html", "app.css"])
  copyFileSync(new URL(`../src/sandbox/page/${f}`, import.meta.url), new URL(`sandbox/${f}`, dist));
console.log(`built dist/ in ${Math.round(performance.now() - started)} ms`);
