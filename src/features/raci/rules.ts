// RACI as rules: who may do what to a task, and the standard flows of DOMAIN.md §2. Pure.

export type TaskStatus = "waiting" | "open" | "accepted" | "in_progress" | "blocked" | "ready" | "approved";
export type RefusalKey =
  | "raci.error.oneA"
  | "raci.error.noR"
  | "raci.error.selfApprove"
  | "raci.error.notR"
  | "raci.error.notA"
  | "raci.error.notC"
  | "raci.error.consultOpen"
  | "raci.error.state";

export interface Roles {
  r: string[];
  a: string[];
  c: string[];
}

/** Exactly one A, at least one R; A may not be the only R unless the team allows it. */
export function checkRoles(roles: Roles, allowSelfApprove: boolean): RefusalKey | undefined {
  if (roles.a.length !== 1) return "raci.error.oneA";
  if (roles.r.length === 0) return "raci.error.noR";
  if (!allowSelfApprove && roles.r.length === 1 && roles.r[0] === roles.a[0]) return "raci.error.selfApprove";
  return undefined;
}

export type Consults = Record<string, { answer?: string; waivedBy?: string }>;

export const openConsults = (c: Consults) =>
  Object.entries(c)
    .filter(([, v]) => !v.answer && !v.waivedBy)
    .map(([k]) => k);

export type TaskAction = "accept" | "start" | "block" | "done" | "approve" | "sendBack" | "answer" | "waive";

const allowedFrom: Record<TaskAction, TaskStatus[]> = {
  accept: ["open"],
  start: ["open", "accepted", "blocked"],
  block: ["open", "accepted", "in_progress"],
  done: ["open", "accepted", "in_progress", "blocked"],
  approve: ["ready"],
  sendBack: ["ready"],
  answer: ["open", "accepted", "in_progress", "blocked", "ready"],
  waive: ["open", "accepted", "in_progress", "blocked", "ready"],
};

/** Whether an action applies to a task in this status (who may press it is refusal()'s question). */
export const appliesIn = (action: TaskAction, status: TaskStatus): boolean => allowedFrom[action].includes(status);

/** Why a person may not do an action now, or undefined if they may. */
export function refusal(
  action: TaskAction,
  status: TaskStatus,
  userId: string,
  t: { rIds: string[]; aId: string; consults: Consults },
): RefusalKey | undefined {
  if (["accept", "start", "block", "done"].includes(action) && !t.rIds.includes(userId)) return "raci.error.notR";
  if (["approve", "sendBack", "waive"].includes(action) && t.aId !== userId) return "raci.error.notA";
  if (action === "answer" && !(userId in t.consults)) return "raci.error.notC";
  if (!allowedFrom[action].includes(status)) return "raci.error.state";
  if (action === "done" && openConsults(t.consults).length) return "raci.error.consultOpen";
  return undefined;
}

export interface FlowStep {
  title: { "zh-CN": string; en: string };
  r: string;
  a: string;
  c?: string[];
  i?: string[];
  days: number;
}

/** The three standard flows; roles resolve through the team's role map. */
export const FLOWS: Record<string, { name: { "zh-CN": string; en: string }; steps: FlowStep[] }> = {
  new_product_launch: {
    name: { "zh-CN": "商品上新", en: "New product launch" },
    steps: [
      {
        title: { "zh-CN": "市场调研与选品", en: "Market research and product selection" },
        r: "operations",
        a: "ops_lead",
        days: 7,
      },
      {
        title: { "zh-CN": "确定供应商与价格", en: "Settle supplier and price" },
        r: "purchasing",
        a: "ops_lead",
        c: ["operations"],
        days: 7,
      },
      {
        title: { "zh-CN": "制作商品详情页", en: "Build the product page" },
        r: "content",
        a: "ops_lead",
        c: ["purchasing"],
        days: 5,
      },
      {
        title: { "zh-CN": "推广策划与执行", en: "Plan and run the promotion" },
        r: "marketing",
        a: "ops_lead",
        i: ["operations"],
        days: 7,
      },
    ],
  },
  campaign_planning: {
    name: { "zh-CN": "活动策划", en: "Campaign planning" },
    steps: [
      {
        title: { "zh-CN": "设定目标并立项", en: "Set goals and open the project" },
        r: "ops_lead",
        a: "ops_lead_manager",
        days: 3,
      },
      { title: { "zh-CN": "页面与素材设计", en: "Pages and assets" }, r: "design", a: "ops_lead", days: 7 },
      { title: { "zh-CN": "开发与上线", en: "Build and ship" }, r: "tech", a: "ops_lead", c: ["design"], days: 7 },
      {
        title: { "zh-CN": "活动后数据评估", en: "Evaluate the data after the event" },
        r: "data",
        a: "ops_lead",
        days: 5,
      },
    ],
  },
  complaint_handling: {
    name: { "zh-CN": "客诉处理", en: "Complaint handling" },
    steps: [
      {
        title: { "zh-CN": "接收与分类", en: "Receive and classify" },
        r: "customer_service",
        a: "cs_supervisor",
        days: 1,
      },
      {
        title: { "zh-CN": "相关部门查明原因", en: "The department concerned finds the cause" },
        r: "department",
        a: "cs_supervisor",
        days: 2,
      },
      {
        title: { "zh-CN": "商定方案并告知客户", en: "Agree a solution and tell the customer" },
        r: "customer_service",
        a: "cs_supervisor",
        c: ["department"],
        days: 1,
      },
      {
        title: { "zh-CN": "总结经验改进流程", en: "Turn the lesson into a process fix" },
        r: "ops_lead",
        a: "cs_supervisor",
        i: ["customer_service"],
        days: 5,
      },
    ],
  },
};
