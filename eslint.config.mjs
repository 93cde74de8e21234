// ESLint: TypeScript and React-hooks checks, and the house's layer rules as code.
// The data path reads one way (STYLE.md, "The shape of the house"):
//   browser (components, hooks, stores, lib/client) -> route handlers (app)
//   -> lib/server (backend interface) -> lib/engine -> ffmpeg / storage / queue.
// Shared lib folders (lib/plan, lib/draft, ...) are imported by every layer and import none.
import nextPlugin from "@next/eslint-plugin-next";
import importX from "eslint-plugin-import-x";
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";

const browser = ["./components", "./hooks", "./stores", "./lib/client"];
const server = ["./lib/server"];
const engine = ["./lib/engine"];
const routes = ["./app"];
const shared = [
  "./lib/config",
  "./lib/credits",
  "./lib/draft",
  "./lib/events",
  "./lib/export",
  "./lib/media",
  "./lib/plan",
  "./lib/state",
  "./lib/errors.ts",
];
const testCode = ["./tests", "./bench"];

/** One zone per arrow that must not be drawn: `target` may not import from `from`. */
const zones = [
  // The engine is a plain library: no Next.js app, no server adapters, no browser code.
  {
    target: engine,
    from: [...routes, ...server, ...browser],
    message: "lib/engine imports nothing above it (STYLE.md).",
  },
  // Server code serves routes; it never reaches up into pages or the browser.
  {
    target: server,
    from: [...routes, ...browser],
    message: "lib/server imports nothing from app/ or the browser.",
  },
  // The browser talks to the server over HTTP only.
  {
    target: browser,
    from: [...server, ...engine],
    message: "Browser code reaches the server over HTTP (lib/client/api.ts), never by import.",
  },
  // Route handlers make one backend call: the engine sits behind lib/server/backend.
  {
    target: routes,
    from: engine,
    message: "Route handlers call the Backend (lib/server/backend), not the engine.",
  },
  // Shared schemas and helpers depend on nothing layered.
  {
    target: shared,
    from: [...routes, ...server, ...engine, ...browser],
    message: "Shared lib code imports no layer.",
  },
  // Product code never depends on tests or benchmarks.
  {
    target: [...routes, ...server, ...engine, ...browser, ...shared],
    from: testCode,
    message: "Product code imports nothing from tests/ or bench/.",
  },
];

export default tseslint.config(
  {
    ignores: [
      "node_modules/**",
      ".next/**",
      "next-env.d.ts",
      "test-results/**",
      "playwright-report/**",
      "data/**",
      ".data-*/**",
      "public/**",
      "**/*.mjs",
      "**/*.js",
      "**/*.cjs",
    ],
  },
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx}"],
    plugins: { "import-x": importX, "@next/next": nextPlugin, "react-hooks": reactHooks },
    settings: {
      "import-x/resolver": { typescript: { project: "./tsconfig.json" }, node: true },
    },
    rules: {
      ...nextPlugin.configs.recommended.rules,
      "import-x/no-cycle": ["error", { ignoreExternal: true }],
      "import-x/no-restricted-paths": ["error", { zones }],
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" },
      ],
    },
  },
  {
    // Hooks rules where React runs; tests' `useTestServer()` is a Vitest fixture, not a hook.
    files: ["components/**/*.tsx", "hooks/**/*.ts", "stores/**/*.ts", "app/**/*.tsx"],
    rules: { "react-hooks/rules-of-hooks": "error", "react-hooks/exhaustive-deps": "error" },
  },
  {
    // Test files may use the test support of the layer above (a route test drives the
    // engine through the backend, an engine test uses tests/support media makers).
    files: ["**/*.test.ts", "**/*.test.tsx", "tests/**", "bench/**"],
    rules: { "import-x/no-restricted-paths": "off" },
  },
);
