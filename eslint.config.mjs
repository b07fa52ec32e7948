import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import tseslint from "typescript-eslint";
import desk from "./eslint-rules/labelled-time.mjs";

export default defineConfig([
  globalIgnores([
    ".next/**",
    ".data/**",
    "node_modules/**",
    "lib/generated/**",
    "tests/.artifacts/**",
    "test-results/**",
    "next-env.d.ts",
    // Holds what desk/labelled-time must refuse; its own test lints it (tests/unit/labelled-time-rule.test.ts).
    "tests/unit/fixtures/unlabelled-time.ts",
  ]),
  ...nextVitals,
  ...nextTs,
  {
    files: ["**/*.ts", "**/*.tsx"],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // Fields are dropped from objects by destructuring them into `_name` or a rest sibling.
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_", ignoreRestSiblings: true },
      ],
      // Async implementations of Promise-typed interfaces (next-auth adapter, Prisma adapter factory, test doubles) need no await; no-floating-promises and await-thenable catch the real mistakes.
      "@typescript-eslint/require-await": "off",
      // What is stringified here is FormData entries and JSON field values, each checked by a zod schema right after: a File in a text field is refused there like any other bad input.
      "@typescript-eslint/no-base-to-string": "off",
      // React Compiler rules; the app does not use the compiler, and what they flag (resetting a picker when its resetKey changes, writing a ref'd textarea's value) is correct React without it.
      "react-hooks/set-state-in-effect": "off",
      "react-hooks/immutability": "off",
    },
  },
  {
    files: ["app/**/*.{ts,tsx}", "lib/**/*.{ts,tsx}"],
    plugins: { desk },
    rules: { "desk/labelled-time": "error" },
  },
  {
    files: ["app/**/*.{ts,tsx}", "lib/**/*.{ts,tsx}"],
    ignores: ["app/_components/link.tsx"],
    rules: {
      "no-restricted-imports": [
        "error",
        { paths: [{ name: "next/link", message: "Use @/app/_components/link: next/link prefetches every link in view, each a request to the server (see that file)." }] },
      ],
    },
  },
  {
    // The formatter itself, and the SLA arithmetic's offset reader (it reads clock parts, shows nothing).
    files: ["lib/time/format-time.ts", "lib/sla/time-zone.ts"],
    rules: { "desk/labelled-time": "off" },
  },
  {
    files: ["tests/**"],
    rules: {
      // Tests read HTTP JSON bodies and raw SQL rows as `any` and assert on them: a wrong shape fails the expect.
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-call": "off",
      "@typescript-eslint/no-unsafe-return": "off",
      "@typescript-eslint/no-unsafe-argument": "off",
      "@typescript-eslint/no-explicit-any": "off",
      // Tests hold no React components: a helper named use* is not a hook.
      "react-hooks/rules-of-hooks": "off",
    },
  },
]);
