// The thread one download runs on (file-downloads.ts starts it), at background priority. On the
// event loop, 127 MB arriving through fetch took about a second of the loop and delayed it by
// 55–117 ms at a time, though the reading gave way every 4 ms; from this thread the loop's
// longest delay was 7–21 ms.
import { parentPort, workerData } from "node:worker_threads";
import { runInBackground } from "../infra/thread.ts";
import { runDownload, type DownloadJob } from "./download.ts";

runInBackground();
const port = parentPort!;
await runDownload(workerData as DownloadJob, (m, transfer) => port.postMessage(m, transfer ?? []));
