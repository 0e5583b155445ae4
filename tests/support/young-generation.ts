// Run as `node --max-semi-space-size=2 --import tsx young-generation.ts`: prints the young
// generation (MB) of the main thread, of a worker made through withDefaultYoungGeneration, and of a
// plain worker made after it.
import v8 from "node:v8";
import { Worker } from "node:worker_threads";
import { withDefaultYoungGeneration } from "../../src/infra/worker-heap.ts";

// The young generation grows to its limit while many young objects survive: keep 100,000 at a time.
const churn = `let keep = []; for (let i = 0; i < 3e6; i++) { keep.push({ i }); if (keep.length > 1e5) keep = []; }`;
const young = () => {
  new Function(churn)();
  return v8.getHeapSpaceStatistics().find((s) => s.space_name === "new_space")!.space_size / 2 ** 20;
};
const code = `const v8 = require("node:v8"); const { parentPort } = require("node:worker_threads"); ${churn}
  parentPort.postMessage(v8.getHeapSpaceStatistics().find((s) => s.space_name === "new_space").space_size / 2 ** 20);`;
const report = async (w: Worker) => {
  const mb = await new Promise<number>((r) => w.once("message", r));
  await w.terminate();
  return mb;
};
const raised = await report(withDefaultYoungGeneration(() => new Worker(code, { eval: true })));
const plain = await report(new Worker(code, { eval: true }));
console.log(JSON.stringify({ main: young(), raised, plain }));
