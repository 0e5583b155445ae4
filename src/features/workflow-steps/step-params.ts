// The shape of a Workflow Builder step as the manifest declares it: its inputs and outputs, their
// Slack types, and the helpers the step list is written with.
export type ParamType =
  | "string"
  | "integer"
  | "number"
  | "boolean"
  | "slack#/types/user_id"
  | "slack#/types/channel_id"
  | "slack#/types/timestamp"
  | "slack#/types/date"
  | "array";

export interface StepParam {
  name: string;
  type: ParamType;
  /** For arrays: the type of each element. */
  items?: ParamType;
  /** What the person building the workflow sees, in both languages (the manifest shows "en / zh"). */
  label: { en: string; "zh-CN": string };
  description: string;
  required?: boolean;
  enum?: readonly string[];
  maxLength?: number;
}

export interface StepDef {
  callbackId: string;
  title: string;
  description: string;
  inputs: StepParam[];
  outputs: StepParam[];
}

export const p = (
  name: string,
  type: ParamType,
  en: string,
  zh: string,
  description: string,
  more: Partial<StepParam> = {},
): StepParam => ({
  name,
  type,
  label: { en, "zh-CN": zh },
  description,
  ...more,
});
export const req = { required: true } as const;
