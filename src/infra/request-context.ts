// Whether the code running now answers a person's own action (a command, a button, a form).
// The Slack router runs each handler inside `asPersonsAction`; the outbox reads it so that what a
// person just did (their card changing, a confirmation) is sent before any bulk news. The
// background loops (timers, the sender) leave the context explicitly: work they start is never
// anyone's own action, even when a handler happened to wake them.
import { AsyncLocalStorage } from "node:async_hooks";

const ctx = new AsyncLocalStorage<true>();

export const asPersonsAction = <T>(fn: () => T): T => ctx.run(true, fn);

export const inPersonsAction = (): boolean => ctx.getStore() === true;

export const asBackground = <T>(fn: () => T): T => ctx.exit(fn);
