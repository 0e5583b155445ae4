// The T0 command centre's action ids, defined once so buttons and handlers agree.
export const T0_ACK = "promo_t0_ack";
export const T0_RUNBOOK = "promo_t0_runbook";
export const T0_ACTION = "promo_t0_action";
export const RB_STEP = "promo_rb_step";
export const RB_DECIDE = "promo_rb_decide";
