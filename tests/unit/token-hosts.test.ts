// The bot token is sent only to Slack's own hosts (hardening): which URLs count as Slack's.
import { describe, expect, it } from "vitest";
import { tokenHosts } from "../../src/slack/api.ts";

describe("token hosts", () => {
  it("only Slack's own hosts may receive the token", () => {
    const real = tokenHosts("https://slack.com/api/");
    expect(real("https://files.slack.com/files-pri/T1-F1/download/x.csv")).toBe(true);
    expect(real("https://slack.com/api/files.info")).toBe(true);
    for (const bad of [
      "http://files.slack.com/x",
      "https://files.slack.com.evil.io/x",
      "https://evil.io/files.slack.com",
      "https://user:pw@files.slack.com/x",
      "http://127.0.0.1:9/x",
      "file:///etc/passwd",
      "not a url",
    ]) {
      expect(real(bad), bad).toBe(false);
    }
    expect(tokenHosts("https://slack-gov.com/api/")("https://files.slack-gov.com/x")).toBe(true);
    const local = tokenHosts("http://127.0.0.1:4000/api/");
    expect(local("http://127.0.0.1:4000/files/F1")).toBe(true);
    expect(local("http://127.0.0.1:4001/files/F1")).toBe(false);
  });
});
