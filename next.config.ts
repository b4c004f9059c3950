import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

const config: NextConfig = {
  // Native and Node-only packages are loaded from node_modules at run time, never bundled.
  serverExternalPackages: ["argon2", "@electric-sql/pglite", "pg", "pg-boss", "nodemailer", "pino"],
  poweredByHeader: false,
  // `npm test` type-checks the whole repository (tsc --noEmit); the build need not do it again.
  typescript: { ignoreBuildErrors: true },
  typedRoutes: false,
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Frame-Options", value: "DENY" },
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "same-origin" },
        ],
      },
    ];
  },
};

export default withNextIntl(config);
