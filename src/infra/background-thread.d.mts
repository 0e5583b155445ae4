// The type of background-thread.mjs, for the TypeScript side (infra/thread.ts).
export function runInBackground(): void;
