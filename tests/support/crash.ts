// A runner that "dies" once: the crashAt hook that throws SimulatedCrash the first time the runner
// reaches `point`, and lets every later step through (the crash tests' dying runner).
import { SimulatedCrash, type CrashPoint } from "../../src/scheduler/runner-options.ts";

export function crashOnceAt(point: CrashPoint, onCrash: () => void): (p: CrashPoint) => void {
  let armed = true;
  return (p) => {
    if (!armed || p !== point) return;
    armed = false;
    onCrash();
    throw new SimulatedCrash(p);
  };
}
