import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { ConfigError, readConfig } from "../../src/config.ts";
import { spokenDuration, durationMs } from "../../src/infra/duration.ts";
import { t, toLocale } from "../../src/infra/i18n.ts";
import { createLogger } from "../../src/infra/logger.ts";
import { en } from "../../src/i18n/en.ts";
import { zhCN } from "../../src/i18n/zh-CN.ts";
import { parseShopopsCommand } from "../../src/features/help/schema.ts";

describe("settings", () => {
  it("applies the documented defaults", () => {
    const c = readConfig({ SLACK_BOT_TOKEN: "xoxb-1", SLACK_SIGNING_SECRET: "abcdefgh" });
    expect(c).toMatchObject({
      DATABASE_URL: "file:./data/shopops.db",
      PORT: 3000,
      DEFAULT_TIMEZONE: "Asia/Shanghai",
      DEFAULT_LOCALE: "zh-CN",
      SLACK_API_URL: "https://slack.com/api/",
    });
  });
  it("needs no signing secret in Socket Mode", () => {
    expect(() => readConfig({ SLACK_BOT_TOKEN: "xoxb-1", SLACK_APP_TOKEN: "xapp-1" })).not.toThrow();
  });
  it("lists every problem at once", () => {
    let thrown: unknown;
    try {
      readConfig({ SLACK_BOT_TOKEN: "bad", DEFAULT_LOCALE: "fr", SLACK_APP_TOKEN: "xoxb-wrong" });
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    const problems = (thrown as ConfigError).problems.join("\n");
    expect(problems).toContain("SLACK_BOT_TOKEN");
    expect(problems).toContain("DEFAULT_LOCALE: must be zh-CN or en");
    expect(problems).toContain("SLACK_APP_TOKEN");
  });
});

describe("durations as people read them", () => {
  it("speaks the person's language: 每 10 分钟, every 10 min", () => {
    expect(spokenDuration(600_000, "zh-CN")).toBe("10 分钟");
    expect(spokenDuration(5_400_000, "zh-CN")).toBe("1 小时 30 分钟");
    expect(spokenDuration(600_000, "en")).toBe("10 min");
    expect(spokenDuration(2 * 86_400_000, "en")).toBe("2 d");
  });
});

describe("durations", () => {
  it("reads 30s, 90m, 2h, 1d", () => {
    expect([durationMs("30s"), durationMs("90m"), durationMs("2h"), durationMs("1d")]).toEqual([
      30_000, 5_400_000, 7_200_000, 86_400_000,
    ]);
    expect(() => durationMs("2 hours")).toThrow();
  });
});

describe("i18n", () => {
  it("has every key in both languages, none empty, with the same placeholders", () => {
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(zhCN[key], key).toBeTruthy();
      // {name}, {!name} and plural forms {name|one|other} all name the parameter `name`.
      const ph = (s: string) => [...new Set([...s.matchAll(/\{!?(\w+)(?:\|[^}]*)?\}/g)].map((m) => m[1]))].sort();
      expect(ph(zhCN[key]), key).toEqual(ph(en[key]));
    }
  });
  it("maps Slack locales to ours and fills placeholders", () => {
    expect([toLocale("zh-CN"), toLocale("zh-TW"), toLocale("en-GB"), toLocale("ja-JP")]).toEqual([
      "zh-CN",
      "zh-CN",
      "en",
      undefined,
    ]);
    expect(t("en", "error.generic", { id: "abc" })).toContain("abc");
  });
});

describe("logs", () => {
  it("never carry tokens or secrets", () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (c, _e, cb) => (lines.push(String(c)), cb()) });
    const log = createLogger("info", sink);
    log.info(
      {
        token: "xoxb-1234",
        config: { SLACK_BOT_TOKEN: "xoxb-5678", SLACK_SIGNING_SECRET: "sig" },
        headers: { authorization: "Bearer xyz" },
      },
      "x",
    );
    log.info({ body: { response_url: "https://hooks.slack.com/secret" } }, "y");
    const out = lines.join("");
    for (const secret of ["xoxb-1234", "xoxb-5678", 'sig"', "Bearer xyz", "hooks.slack.com"])
      expect(out).not.toContain(secret);
    expect(out).toContain("[redacted]");
  });
});

describe("/shopops parsing", () => {
  it("understands help, language and status, and says what is wrong otherwise", () => {
    expect(parseShopopsCommand("")).toEqual({ ok: true, cmd: { sub: "help" } });
    expect(parseShopopsCommand("帮助")).toEqual({ ok: true, cmd: { sub: "help" } });
    expect(parseShopopsCommand("language EN-us")).toEqual({ ok: true, cmd: { sub: "language", value: "en" } });
    expect(parseShopopsCommand("lang fr")).toEqual({ ok: false, usage: "usage.language" });
    expect(parseShopopsCommand("deploy")).toEqual({ ok: false, usage: "usage.unknown" });
  });
});
