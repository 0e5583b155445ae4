// Platform exports (生意参谋, 京东商智, 抖店, 拼多多, Shopify, Amazon…): the preview before an import and its result.
export const enImports = {
  "export.preview.title": "*{file}* reads as *{preset}* (`{id}`).",
  "export.preview.facts": "{rows|# row|# rows} to import · {range} · store *{store}* ({storeFrom})",
  "export.preview.range": "{first} – {last}",
  "export.preview.noRange": "no dates",
  "export.storeFrom.file": "from the file's store column",
  "export.storeFrom.message": "named in the message",
  "export.storeFrom.preset": "the preset's; write `store: <name>` in the message with the file to import as another",
  "export.preview.samples": "*As read* (first rows):{!lines}",
  "export.preview.skipLine": "\n• {!reason}: {rows}",
  "export.preview.problemLine": "\n• {row}, {column}: {!message}",
  "export.skip.empty": "empty row",
  "export.skip.totals": "totals row",
  "export.skip.missing": "no {column}",
  "export.problem.number": "not a number: “{raw}”",
  "export.problem.date": "not a date: “{raw}”",
  "export.problem.time": "not a date and time: “{raw}”",
  "export.problem.hour": "not an hour 0-23: “{raw}”",
  "export.problem.rating": "not a rating 1-5 or `好评`/`中评`/`差评`: “{raw}”",
  "export.preview.skipped": "*Left out*, {count|# row|# rows}:{!lines}",
  "export.preview.problems":
    "*Nothing will be imported*: {count|# row needs|# rows need} fixing first (or the preset, if every row reads wrong):{!lines}",
  "export.preview.import": "Import {rows|# row|# rows}",
  "export.preview.cancel": "Cancel",
  "export.preview.nothing": "There is nothing to import in *{file}*: every row was left out.",
  "export.importing": "Importing *{file}* as `{preset}`…",
  "export.cancelled": "Import of *{file}* cancelled; nothing was imported.",
  "export.result.metrics":
    "Imported *{file}* as *{preset}*: {rows|# row|# rows} ({range}), store *{store}*; {stored} new and {replaced} updated metric rows, {alerts|# alert|# alerts}. {skipped|# row|# rows} left out.",
  "export.result.orders":
    "Imported *{file}* as *{preset}*: {orders|# order line|# order lines} ({range}), store *{store}*, summed into {hours|# hour|# hours} of figures; {alerts|# alert|# alerts}. {skipped|# row|# rows} left out. Re-importing the same orders updates them, never doubles them.",
  "export.result.reviews":
    "Imported *{file}* as *{preset}*: {stored|# new review|# new reviews}, {duplicates} already known, {alerts|# alert|# alerts} ({range}). {skipped|# row|# rows} left out.",
  "export.noMatch":
    "I don't know the layout of *{file}*. Columns found: {columns}.{!nearest} See `/metrics import presets` for the exports I read, and the README (\"Your platform's exports\") for adding your own.",
  "export.nearest": " Nearest: *{preset}* (`{id}`), which needs {missing}.",
  "export.unreadable.encrypted":
    "*{file}* is password-protected. Open it in Excel, remove the password (File → Info → Protect Workbook), save, and upload it again.",
  "export.unreadable.unreadable": "I can't read *{file}* as a spreadsheet or a CSV file: {message}",
  "export.unreadable.empty": "*{file}* is empty.",
  "export.gone": "That file is no longer there (deleted, or I can't see it): nothing was imported.",
  "export.downloadStopped":
    "The download of *{file}* from Slack stopped part-way: no figures were changed. Run ⋯ → Import on the file again.",
  "export.presets.title":
    "*Exports I can read* (match by the header row; a team preset with the same id replaces a built-in one):",
  "export.presets.line": "• `{id}` *{name}*: {kind}, columns {columns}{!source}",
  "export.presets.team": " (from {source})",
  "export.presets.problem": "• ⚠️ {file}: {message}",
  "export.presets.howto":
    "Add or change one: put a YAML file in `{dir}` on the bot's server (the README shows the format); it is read on the next import, no restart.",
  "export.kind.orders": "orders, summed into hours",
  "export.kind.metrics": "figures per day or hour",
  "export.kind.reviews": "reviews",
} as const;
