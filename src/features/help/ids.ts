export const COMMAND = "/shopops";
