// `node --import ./tests/support/record-modules.mjs …`: appends the URL of every module the
// process loads to the file named by MODULE_LOG, so a test can see what a process never loaded.
import { register } from "node:module";

register("./record-modules-hooks.mjs", import.meta.url);
