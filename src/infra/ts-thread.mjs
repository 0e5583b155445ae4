// A worker thread's first module when the bot runs from its TypeScript sources (tests, `npm run
// dev`): tsx compiles the thread's own module (workerData.tsEntry) as it loads. From dist/ a thread
// runs the bundle the build wrote for it, and this file is not used (thread.ts).
import { workerData } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
await import(workerData.tsEntry);
