// The linter keeps what a reviewer would otherwise have to remember. Layer boundaries and import
// cycles are dependency-cruiser's job (.dependency-cruiser.cjs); this file holds the code rules.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["node_modules/", "dist/", "data/", "src/generated/", "coverage/", ".scratch/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      // TypeScript already refuses a name that isn't defined, with the right globals for Node.
      "no-undef": "off",
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" },
      ],
      // Prettier wraps code at 120; this catches what it can't wrap (comments). Strings are
      // exempt: a user-facing sentence, a test's name or an SQL statement reads better whole.
      "max-len": [
        "error",
        {
          code: 120,
          ignoreUrls: true,
          ignoreStrings: true,
          ignoreTemplateLiterals: true,
          ignoreRegExpLiterals: true,
        },
      ],
    },
  },
  {
    files: ["src/**/*.ts"],
    rules: {
      // Small files named for what they hold, and functions a reader can hold in their head.
      "max-lines": ["error", { max: 250 }],
      "max-lines-per-function": ["error", { max: 80 }],
    },
  },
);
