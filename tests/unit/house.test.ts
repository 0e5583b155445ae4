// The rules of the house are dependency-cruiser's (.dependency-cruiser.cjs): the layers, no cycles,
// the domain never importing Slack, services reaching Block Kit only through notify.ts. This test
// runs the real tool on src/, and on a planted tree that breaks each rule once, so a rule that can
// no longer fail (a typo in a path pattern) is caught too.
import { execFile } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const CLI = resolve("node_modules/dependency-cruiser/bin/dependency-cruise.mjs");

async function cruise(cwd: string): Promise<{ code: number; out: string }> {
  try {
    const { stdout } = await run(process.execPath, [CLI, "src", "--config", ".dependency-cruiser.cjs", "-T", "err"], {
      cwd,
    });
    return { code: 0, out: stdout };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, out: `${err.stdout}${err.stderr}` };
  }
}

const planted = mkdtempSync(join(tmpdir(), "house-"));
afterAll(() => rmSync(planted, { recursive: true, force: true }));

function plant(files: Record<string, string>) {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(planted, path)), { recursive: true });
    writeFileSync(join(planted, path), text);
  }
  copyFileSync(".dependency-cruiser.cjs", join(planted, ".dependency-cruiser.cjs"));
  writeFileSync(
    join(planted, "tsconfig.json"),
    JSON.stringify({ compilerOptions: { allowImportingTsExtensions: true } }),
  );
}

describe("the house", () => {
  it("src/ keeps every rule", { timeout: 60_000 }, async () => {
    const { code, out } = await cruise(process.cwd());
    expect(out).toContain("no dependency violations found");
    expect(code).toBe(0);
  });

  it("each rule fails on a planted violation", { timeout: 60_000 }, async () => {
    plant({
      // infra reaching up to a feature
      "src/infra/low.ts": 'import { x } from "../features/shop/orders.ts";\nexport const y = x;\n',
      // a service reaching Block Kit without notify.ts, and a domain file importing Slack
      "src/features/shop/orders.ts": 'import { card } from "./blocks.ts";\nexport const x = card;\n',
      "src/features/shop/blocks.ts": "export const card = 1;\n",
      "src/features/shop/rules.ts": 'import type { KnownBlock } from "@slack/types";\nexport type B = KnownBlock;\n',
      // a cycle
      "src/features/shop/a.ts": 'import { b } from "./b.ts";\nexport const a = () => b;\n',
      "src/features/shop/b.ts": 'import { a } from "./a.ts";\nexport const b = () => a;\n',
      // the allowed shape: a notify file building from blocks, a service sending through notify
      "src/features/shop/notify.ts": 'import { card } from "./blocks.ts";\nexport const tell = card;\n',
      "src/features/shop/close-order.ts": 'import { tell } from "./notify.ts";\nexport const close = tell;\n',
    });
    const { code, out } = await cruise(planted);
    expect(code).not.toBe(0);
    for (const rule of [
      "infra-looks-up: src/infra/low.ts → src/features/shop/orders.ts",
      "service-imports-blocks: src/features/shop/orders.ts → src/features/shop/blocks.ts",
      "domain-imports-slack: src/features/shop/rules.ts → @slack/types",
      "no-circular: src/features/shop/a.ts → ",
    ])
      expect(out).toContain(rule);
    expect(out).not.toContain("src/features/shop/close-order.ts →");
    expect(out).not.toContain("src/features/shop/notify.ts →");
  });
});
