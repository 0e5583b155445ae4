// V8 keeps each script's source for the life of the process, as one-byte text only if every
// character fits in a byte: one Chinese word in a regular expression (esbuild escapes strings but
// leaves regular expressions as written) doubled the bot's two main chunks in memory, 2.7 MB
// instead of 1.4. Every character past ASCII is written as its \u escape, which means the same in
// strings, templates, regular expressions (a surrogate pair stays one character under /u),
// identifiers and comments.
const WIDE = /[^\t\n\r -~]/;

/** `text` with every character past ASCII escaped; throws where an escape would change meaning. */
export function asciiOnly(text, name = "the text") {
  if (!WIDE.test(text)) return text;
  // After a backslash the escape would mean something else (\\ then "u4e0d"): refuse, don't guess.
  if (/\\[^\t\n\r -~]/.test(text)) throw new Error(`${name}: a backslash before a non-ASCII character`);
  return text.replace(/[^\t\n\r -~]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
