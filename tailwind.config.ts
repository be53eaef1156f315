import type { Config } from "tailwindcss";

// Loaded by src/app/globals.css through `@config`; Tailwind 4 finds sources itself.
export default {
  theme: {
    extend: {
      fontFamily: {
        // System fonts: nothing is fetched at build or run time.
        sans: ["ui-sans-serif", "system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"],
        mono: ["ui-monospace", "SFMono-Regular", "Menlo", "Consolas", "Liberation Mono", "monospace"],
      },
    },
  },
} satisfies Config;
