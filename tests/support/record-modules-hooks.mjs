// Module hooks (they run on Node's loader thread): record each URL, then load it as usual.
import { appendFileSync } from "node:fs";

export async function load(url, context, next) {
  if (process.env.MODULE_LOG) appendFileSync(process.env.MODULE_LOG, `${url}\n`);
  return next(url, context);
}
