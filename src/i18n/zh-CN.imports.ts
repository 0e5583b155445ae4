import type { enImports } from "./en.imports.ts";

// 平台导出文件（生意参谋、京东商智、抖店、拼多多、Shopify、Amazon…）：导入前的预览和结果。
export const zhCNImports: Record<keyof typeof enImports, string> = {
  "export.preview.title": "*{file}* 识别为 *{preset}* （`{id}`）。",
  "export.preview.facts": "可导入 {rows} 行 · {range} · 店铺 *{store}* （{storeFrom}）",
  "export.preview.range": "{first} 至 {last}",
  "export.preview.noRange": "无日期",
  "export.storeFrom.file": "取自文件的店铺列",
  "export.storeFrom.message": "消息中指定",
  "export.storeFrom.preset": "模板默认；如要导入到其他店铺，请在文件所在消息中写 `store: 店铺名`",
  "export.preview.samples": "*识别结果* （前几行）：{!lines}",
  "export.preview.skipLine": "\n• {!reason}：第 {rows} 行",
  "export.preview.problemLine": "\n• 第 {row} 行，{column}：{!message}",
  "export.skip.empty": "空行",
  "export.skip.totals": "合计行",
  "export.skip.missing": "缺少 {column}",
  "export.problem.number": "不是数字：“{raw}”",
  "export.problem.date": "不是日期：“{raw}”",
  "export.problem.time": "不是日期和时间：“{raw}”",
  "export.problem.hour": "不是 0-23 的小时：“{raw}”",
  "export.problem.rating": "不是 1-5 的评分，也不是好评、中评或差评：“{raw}”",
  "export.preview.skipped": "*将跳过* {count} 行：{!lines}",
  "export.preview.problems": "*不会导入任何数据* ：有 {count} 行需要先修正（如果每行都读错，请检查模板）：{!lines}",
  "export.preview.import": "导入 {rows} 行",
  "export.preview.cancel": "取消",
  "export.preview.nothing": "*{file}* 中没有可导入的行：所有行都被跳过了。",
  "export.importing": "正在按 `{preset}` 导入 *{file}* …",
  "export.cancelled": "已取消导入 *{file}* ，没有导入任何数据。",
  "export.result.metrics":
    "已按 *{preset}* 导入 *{file}* ：{rows} 行（{range}），店铺 *{store}* ；新增指标 {stored} 行，更新 {replaced} 行，预警 {alerts} 条。跳过 {skipped} 行。",
  "export.result.orders":
    "已按 *{preset}* 导入 *{file}* ：订单 {orders} 行（{range}），店铺 *{store}* ，汇总为 {hours} 个小时的数据；预警 {alerts} 条。跳过 {skipped} 行。重复导入同一批订单只会更新，不会重复计算。",
  "export.result.reviews":
    "已按 *{preset}* 导入 *{file}* ：新评价 {stored} 条，已存在 {duplicates} 条，预警 {alerts} 条（{range}）。跳过 {skipped} 行。",
  "export.noMatch":
    "无法识别 *{file}* 的格式。找到的列：{columns}。{!nearest} 用 `/metrics import presets` 查看支持的导出文件；如何添加自己的模板见 README 的 `Your platform's exports` 一节。",
  "export.nearest": "最接近的是 *{preset}* （`{id}`），还缺少：{missing}。",
  "export.unreadable.encrypted":
    "*{file}* 设有密码。请在 Excel 中打开，取消密码（文件 → 信息 → 保护工作簿），保存后重新上传。",
  "export.unreadable.unreadable": "无法把 *{file}* 读作表格或 CSV 文件：{message}",
  "export.unreadable.empty": "*{file}* 是空文件。",
  "export.gone": "这个文件已不存在（已删除，或机器人无权查看），没有导入任何数据。",
  "export.downloadStopped": "从 Slack 下载 *{file}* 时中途断开，数据没有任何改动。请对该文件重新使用 ⋯ → 导入。",
  "export.presets.title": "*可识别的导出文件* （按表头匹配；团队模板与内置模板 id 相同时，以团队模板为准）：",
  "export.presets.line": "• `{id}` *{name}* ：{kind}，列 {columns}{!source}",
  "export.presets.team": "（来自 {source}）",
  "export.presets.problem": "• ⚠️ {file}：{message}",
  "export.presets.howto":
    "添加或修改模板：在机器人服务器的 `{dir}` 目录放一个 YAML 文件（格式见 README），下次导入即生效，无需重启。",
  "export.kind.orders": "订单，按小时汇总",
  "export.kind.metrics": "按天或按小时的指标",
  "export.kind.reviews": "评价",
};
