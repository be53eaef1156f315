import type { Metadata } from "next";
import { headers } from "next/headers";
import { SiteHeader } from "~/components/layout/SiteHeader";
import { THEME_SCRIPT } from "~/components/theme/theme-script";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Spool", template: "%s · Spool" },
  description: "The record of every Assistants thread your team creates.",
  icons: { icon: "/favicon.svg" },
};

// Every page shows live records and the configured upstream: nothing is prerendered.
export const dynamic = "force-dynamic";

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // The proxy's per-request nonce: the CSP runs no inline script without it.
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  return (
    // The theme script changes <html>'s class before React hydrates.
    <html lang="en" suppressHydrationWarning>
      <head>
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: THEME_SCRIPT }} />
      </head>
      <body className="min-h-screen font-sans">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:left-4 focus:top-4 focus:z-50 focus:rounded focus:bg-surface focus:px-3 focus:py-2 focus:shadow"
        >
          Skip to content
        </a>
        {/* No tRPC provider here: the routes whose client components call tRPC hooks wrap
            themselves in one (their layout.tsx), so the other pages do not load its client. */}
        <SiteHeader />
        <main id="main" className="mx-auto w-full max-w-5xl px-4 py-8 sm:px-6">
          {children}
        </main>
      </body>
    </html>
  );
}
