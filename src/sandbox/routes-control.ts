// The sandbox's own controls: the clock (the demo shop's hours are fed as it moves), the storm
// demo and the demo data.
import { sendJson } from "../infra/http-body.ts";
import type { Route } from "../slack/front-door.ts";
import type { SandboxCtx } from "./routes-kit.ts";

export function controlRoutes(c: SandboxCtx): Route[] {
  const { h, ws, api } = c;
  const clock = h.clock;
  return [
    api("/sandbox/api/clock", async (b, res) => {
      if (b.reset) clock.reset();
      else if (typeof b.shiftMs === "number" && b.shiftMs > 0) clock.shift(b.shiftMs);
      else if (typeof b.to === "string") {
        const to = new Date(b.to).getTime();
        if (!Number.isFinite(to))
          return sendJson(res, 400, { error: "a date and time, like 2026-11-11T09:00", field: "to" });
        if (to < clock.now().getTime())
          return sendJson(res, 400, { error: "the clock only moves forward (or back to now)", field: "to" });
        clock.shift(to - clock.now().getTime());
      } else return sendJson(res, 400, { error: "say shiftMs, to or reset", field: "shiftMs" });
      ws.emit("change", { type: "clock" });
      // The hours that ended meanwhile reach the bot as the shop's data feed would send them.
      await h.feed?.().catch(() => {});
      sendJson(res, 200, { ok: true, now: clock.now().toISOString(), offsetMs: clock.offsetMs });
    }),
    api("/sandbox/api/storm", async (b, res) => {
      if (h.demoState() !== "ready") return sendJson(res, 409, { error: "load the demo data first" });
      if (h.stormState?.().running) return sendJson(res, 200, { ok: true, storm: h.stormState() });
      const cases = b.cases === undefined ? 300 : Number(b.cases);
      if (!Number.isInteger(cases) || cases < 1 || cases > 1000)
        return sendJson(res, 400, { error: "cases: a whole number from 1 to 1000", field: "cases" });
      h.stormState!().total = cases;
      void h.storm?.();
      sendJson(res, 200, { ok: true, storm: h.stormState?.() });
    }),
    api("/sandbox/api/demo", async (_b, res) => {
      if (h.demoState() !== "none") return sendJson(res, 200, { ok: true, demo: h.demoState() });
      void h.loadDemo();
      sendJson(res, 200, { ok: true, demo: "loading" });
    }),
  ];
}
