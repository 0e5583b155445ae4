// What was wrong with a row, in the words of the person who sent it: "missing (required)" and
// "expected a number, got text", not zod's "Invalid input: expected nonoptional, received
// undefined". Messages a schema wrote itself ("a whole number from 1 to 5") pass through.
const WORDS: Record<string, string> = {
  string: "text",
  number: "a number",
  int: "a whole number",
  boolean: "true or false",
  object: "an object",
  array: "a list",
  null: "nothing (null)",
  undefined: "nothing",
  nonoptional: "a value",
  date: "a date",
};

export function inPlainWords(message: string): string {
  const m = /^Invalid input: expected (\w+), received (\w+)/.exec(message);
  if (!m) return message;
  const [, expected, received] = m as unknown as [string, string, string];
  if (received === "undefined") return "missing (required)";
  return `expected ${WORDS[expected] ?? expected}, got ${WORDS[received] ?? received}`;
}
