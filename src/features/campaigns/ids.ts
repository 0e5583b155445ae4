export const COMMAND = "/promo";
export const VIEW_CREATE = "promo_create";
export const VIEW_ITEM = "promo_item";
export const VIEW_RETRO = "promo_retro";
export const VIEW_IMPORT = "promo_template_import";
export const ACTION = {
  item: "promo_item_menu",
  gate: "promo_gate",
  doneFromDm: "promo_item_done",
  /** App Home buttons need an action_id each; they share this prefix. */
  doneFromHome: /^promo_item_done_home_/,
  snooze: "promo_snooze",
} as const;
