import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  globalIgnores([".next/**", "bench/bare-next/.next/**", "bench/bare-next/next-env.d.ts", ".spool/**", "src/generated/**", "next-env.d.ts", "test-results/**", "playwright-report/**", "sdk-tests/.cache/**", "sdk-tests/generated/**"]),
]);
