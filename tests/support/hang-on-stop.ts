// A process whose stop never finishes: for the bounded-shutdown test.
import { createLogger } from "../../src/infra/logger.ts";
import { onSignals } from "../../src/infra/shutdown.ts";

onSignals(() => new Promise<void>(() => {}), createLogger("info"), Number(process.env.GRACE_MS ?? 200));
setInterval(() => {}, 1000);
process.stdout.write("ready\n");
