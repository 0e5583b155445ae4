// What Slack does with a view submission's answer: show the field errors, update or push a view,
// clear the stack, or close the submitted view.
import type { OpenView, Workspace } from "./workspace.ts";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export function applyResponseAction(
  ws: Workspace,
  userId: string,
  view: OpenView,
  ack: Json | undefined,
  hash: string,
): { errors?: Record<string, string> } {
  const stack = ws.stackOf(userId);
  const action = ack?.response_action;
  if (action === "errors") return { errors: ack!.errors as Record<string, string> };
  if (action === "update" && ack?.view)
    ws.setStack(
      userId,
      stack.map((x) => (x.id === view.id ? { ...x, view: ack.view as Json } : x)),
    );
  else if (action === "push" && ack?.view)
    ws.setStack(userId, [...stack, { id: ws.nextId("V"), userId, view: ack.view as Json, hash: hash }]);
  else if (action === "clear") ws.setStack(userId, []);
  else
    ws.setStack(
      userId,
      stack.filter((x) => x.id !== view.id),
    );
  return {};
}
