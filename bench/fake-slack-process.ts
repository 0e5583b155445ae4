// Slack's side of a benchmark, in its own process as the real Slack would be, so its work does
// not compete with the app under test for the event loop.
import { FakeSlack } from "../tests/support/fake-slack.ts";

const fake = await new FakeSlack().start();
for (let i = 0; i < 50; i++) fake.users.set(`U${i}`, { locale: i % 2 ? "en-US" : "zh-CN" });
process.stdout.write(`${fake.port}\n`);
process.on("SIGTERM", () => void fake.stop().then(() => process.exit(0)));
