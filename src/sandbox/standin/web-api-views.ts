// views.*, files.* and functions.complete* as Slack answers them, trigger_id expiry included.
import { fail, ok, str, json, userOfTrigger, viewOf, type Method } from "./web-api-kit.ts";
import { outputProblems } from "./workflows.ts";

export const VIEWS_METHODS: Record<string, Method> = {
  "views.open": (c) => {
    const { ws } = c.ctx;
    const trigger = str(c.args.trigger_id) ?? "";
    const bad = c.ctx.triggers.check(trigger, c.ctx.wallMs());
    if (bad) return fail(bad);
    const view = json<Record<string, unknown>>(c.args.view);
    if (!view || typeof view !== "object") return fail("invalid_arguments");
    const user = c.triggerUser(trigger) ?? userOfTrigger(c.ctx, c.args);
    const stack = c.method === "views.open" ? [] : [...ws.stackOf(user)];
    if (stack.length >= 3) return fail("push_limit_reached");
    const opened = viewOf(c.ctx, user, view);
    ws.setStack(user, [...stack, opened]);
    return ok({ view: { id: opened.id, hash: opened.hash, ...view } });
  },
  "views.push": (c) => VIEWS_METHODS["views.open"]!(c),
  "views.update": (c) => {
    const { ws } = c.ctx;
    const id = str(c.args.view_id) ?? "";
    const found = ws.findView(id);
    const view = json<Record<string, unknown>>(c.args.view);
    if (!found || !view) return fail("not_found");
    const stack = ws.stackOf(found.userId).map((v) => (v.id === id ? viewOf(c.ctx, v.userId, view, v.id) : v));
    ws.setStack(found.userId, stack);
    return ok({ view: { id, ...view } });
  },
  "views.publish": (c) => {
    const { ws } = c.ctx;
    const user = str(c.args.user_id) ?? "";
    const view = json<Record<string, unknown>>(c.args.view);
    if (!view) return fail("invalid_arguments");
    ws.homes.set(user, view);
    ws.emitChange({ type: "home", userId: user, view });
    return ok({ view: { id: ws.nextId("V"), ...view } });
  },
  "files.getUploadURLExternal": (c) => {
    const { ws } = c.ctx;
    const id = ws.nextId("F");
    c.ctx.pendingNames.set(id, str(c.args.filename) ?? "file");
    return ok({ upload_url: `${c.ctx.base}/upload/${id}`, file_id: id });
  },
  "files.completeUploadExternal": (c) => {
    const { ws } = c.ctx;
    const files = json<{ id: string; title?: string }[]>(c.args.files) ?? [];
    if (!files.length || files.some((f) => !c.ctx.uploads.has(f.id))) return fail("file_not_found");
    const channelArg = str(c.args.channel_id);
    const shared = files.map((f) => {
      const name = c.ctx.pendingNames.get(f.id) ?? f.id;
      const bytes = c.ctx.uploads.get(f.id)!;
      const mimetype = /\.png$/i.test(name) ? "image/png" : "application/octet-stream";
      ws.files.set(f.id, { id: f.id, name, title: f.title ?? name, mimetype, bytes });
      return { id: f.id, name, title: f.title ?? name, mimetype };
    });
    if (channelArg) {
      const ch = ws.resolveChannel(channelArg);
      if (!ch) return fail("channel_not_found");
      ws.post({ channel: ch.id, text: str(c.args.initial_comment) ?? "", files: shared });
    }
    return ok({ files: shared.map((f) => ({ id: f.id, title: f.title })) });
  },
  "files.info": (c) => {
    const { ws } = c.ctx;
    const id = str(c.args.file) ?? "";
    const f = ws.files.get(id);
    if (!f) return fail("file_not_found");
    return ok({
      file: {
        id,
        name: f.name,
        title: f.title,
        mimetype: f.mimetype,
        size: f.bytes.length,
        url_private: `${c.ctx.base}/files/${id}`,
        url_private_download: `${c.ctx.base}/files/${id}?download=1`,
      },
    });
  },
  "functions.completeSuccess": (c) => {
    const { ws } = c.ctx;
    const e = ws.executions.get(str(c.args.function_execution_id) ?? "");
    if (!e) return fail("function_execution_not_found");
    if (e.state !== "running") return fail("execution_not_in_running_state");
    if (c.method === "functions.completeError") {
      const error = str(c.args.error);
      if (!error) return fail("invalid_arguments");
      Object.assign(e, { state: "failed", error });
    } else {
      const outputs = json<Record<string, unknown>>(c.args.outputs) ?? {};
      const problems = outputProblems(e, outputs);
      if (problems.length) return fail("parameter_validation_failed", { errors: problems });
      Object.assign(e, { state: "completed", outputs });
    }
    ws.emitChange({ type: "execution", execution: e });
    return ok();
  },
  "functions.completeError": (c) => VIEWS_METHODS["functions.completeSuccess"]!(c),
};
