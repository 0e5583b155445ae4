// manifest.yml's `functions` are what Slack shows in Workflow Builder and sends in
// function_executed; definitions.ts is what the bot reads inputs with. They must say the same.
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { STEPS } from "../../src/features/workflow-steps/definitions.ts";

interface Param {
  type: string;
  title: string;
  description: string;
  items?: { type: string };
  enum?: string[];
}
interface Fn {
  title: string;
  description: string;
  input_parameters: { properties: Record<string, Param>; required?: string[] };
  output_parameters: { properties: Record<string, Param>; required?: string[] };
}
const manifest = parse(readFileSync("manifest.yml", "utf8")) as {
  functions: Record<string, Fn>;
  settings: Record<string, unknown> & { event_subscriptions: { bot_events: string[] } };
};

describe("manifest.yml's Workflow Builder steps", () => {
  it("lists exactly the steps the bot answers, org-ready, with function_executed subscribed", () => {
    expect(Object.keys(manifest.functions).sort()).toEqual(STEPS.map((s) => s.callbackId).sort());
    expect(manifest.settings.org_deploy_enabled).toBe(true);
    expect(manifest.settings.function_runtime).toBe("remote");
    expect(manifest.settings.event_subscriptions.bot_events).toContain("function_executed");
  });

  for (const step of STEPS) {
    it(`${step.callbackId}: same inputs and outputs, types, titles, required and choices`, () => {
      const fn = manifest.functions[step.callbackId]!;
      expect(fn.title).toBe(step.title);
      for (const [ours, theirs] of [
        [step.inputs, fn.input_parameters],
        [step.outputs, fn.output_parameters],
      ] as const) {
        expect(Object.keys(theirs.properties)).toEqual(ours.map((p) => p.name));
        expect([...(theirs.required ?? [])].sort()).toEqual(
          ours
            .filter((p) => p.required)
            .map((p) => p.name)
            .sort(),
        );
        for (const p of ours) {
          const m = theirs.properties[p.name]!;
          expect(m.type).toBe(p.type);
          expect(m.items?.type).toBe(p.items);
          expect(m.title).toBe(`${p.label.en} / ${p.label["zh-CN"]}`);
          expect(m.enum).toEqual(p.enum ? [...p.enum] : undefined);
        }
      }
    });
  }
});
