// Types of ascii.mjs (plain JavaScript, run by the build before TypeScript is there).
export function asciiOnly(text: string, name?: string): string;
