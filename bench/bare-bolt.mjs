// The baseline: a bare Bolt 5 app in HTTP mode whose one command only acks. Prints its port.
import { App, HTTPReceiver } from "@slack/bolt";

const receiver = new HTTPReceiver({ signingSecret: "test-signing-secret-0123456789" });
const app = new App({
  receiver,
  token: "xoxb-bench",
  botId: "B",
  botUserId: "U",
  tokenVerificationEnabled: false,
  clientOptions: { slackApiUrl: `http://127.0.0.1:${process.argv[2]}/api/` },
});
app.command("/shopops", async ({ ack }) => ack());
const server = await receiver.start(0);
process.stdout.write(`${server.address().port}\n`);
process.on("SIGTERM", () => process.exit(0));
