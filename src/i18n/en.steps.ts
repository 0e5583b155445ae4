// English: Workflow Builder steps (their errors, shown in the workflow's activity).
export const enSteps = {
  "step.error.input": "Input “{label}” ({name}): {problem}",
  "step.error.unknown":
    "shopops has no step called {step}. Update the workflow to one of the steps in shopops's manifest.",
  "step.problem.required": "it is required and was empty.",
  "step.problem.text": "it must be text.",
  "step.problem.tooLong": "it is longer than {max} characters.",
  "step.problem.oneOf": "“{value}” is not one of: {choices}.",
  "step.problem.integer": "“{value}” is not a whole number.",
  "step.problem.number": "“{value}” is not a number.",
  "step.problem.boolean": "it must be `true` or `false`.",
  "step.problem.user": "“{value}” is not a person in this workspace.",
  "step.problem.channel": "“{value}” is not a channel.",
  "step.problem.timestamp": "“{value}” is not a time.",
  "step.problem.date": "“{value}” is not a date (YYYY-MM-DD).",
  "step.problem.list": "it must be a list.",
  "step.problem.messageLink": "it is not a link to a Slack message (copy it with “Copy link” on the message).",
  "step.problem.orderNo": "an order number is 3 to 64 letters, digits or dashes.",
  "step.problem.rating": "{value} is not a rating from 1 to 5.",
} as const;
