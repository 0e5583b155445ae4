// The small Block Kit pieces every modal is built from, in one place.
export const plain = (text: string, max = 150) => ({
  type: "plain_text" as const,
  text: text.slice(0, max),
  emoji: true,
});
export const option = (text: string, value: string) => ({ text: plain(text), value });

/** An input block whose block_id and action_id are the same, so state.values[id][id] reads it. */
export const input = (id: string, label: string, element: Record<string, unknown>, optional = false) => ({
  type: "input",
  block_id: id,
  label: plain(label),
  optional,
  element: { action_id: id, ...element },
});
