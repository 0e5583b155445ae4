// The layers of the house, lowest first. A file may import its own layer and the ones below it,
// never one above: infra → core (people, outbox, scheduler, audit) → deps.ts → slack → features →
// top (boot, main, cli, sandbox). A type a lower layer needs lives in the lower layer.
const INFRA = "^src/(infra|generated|i18n|types)/|^src/config[.]ts$";
const CORE = "^src/(people|outbox|scheduler|audit)/";
const DEPS = "^src/deps[.]ts$";
const SLACK = "^src/slack/";
const FEATURES = "^src/(features|intake)/|^src/feature[.]ts$";
const TOP = "^src/(boot|main)[.]ts$|^src/(cli|sandbox)/";
// A feature's Slack side: its Bolt handlers, its Block Kit, the messages it sends (notify) and its wiring.
const SLACK_SIDE = "^src/features/.+/(slack[^/]*|blocks[^/]*|modals[^/]*|notify[^/]*|index)[.]ts$";

const above = (name, from, ...higher) => ({
  name,
  comment: `${name}: a lower layer imports a higher one`,
  severity: "error",
  from: { path: from },
  to: { path: higher.join("|") },
});

module.exports = {
  forbidden: [
    {
      name: "no-circular",
      comment: "No module imports itself through others (type imports included).",
      severity: "error",
      from: { path: "^src/" },
      to: { circular: true },
    },
    above("infra-looks-up", INFRA, CORE, DEPS, SLACK, FEATURES, TOP),
    above("core-looks-up", CORE, DEPS, SLACK, FEATURES, TOP),
    above("deps-looks-up", DEPS, SLACK, FEATURES, TOP),
    above("slack-looks-up", SLACK, FEATURES, TOP),
    above("features-look-up", FEATURES, TOP),
    {
      name: "domain-imports-slack",
      comment: "The domain never imports Slack: only a feature's Slack side may.",
      severity: "error",
      from: { path: "^src/features/", pathNot: SLACK_SIDE },
      to: { path: "^src/slack/|^@slack/|node_modules/@slack/" },
    },
    {
      name: "service-imports-blocks",
      comment: "Services reach Block Kit only through their feature's notify.ts.",
      severity: "error",
      from: { path: "^src/features/", pathNot: `${SLACK_SIDE}|/notify[^/]*[.]ts$` },
      to: { path: "^src/features/.+/(blocks|modals)[^/]*[.]ts$" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^src/generated/|^src/sandbox/page/" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { extensions: [".ts", ".js", ".mjs"] },
  },
};
