/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite ships WASM beside its modules and pg/Prisma load drivers at run time: keep them unbundled.
  serverExternalPackages: ["@electric-sql/pglite", "@electric-sql/pglite-socket", "pg", "pg-boss", "@prisma/adapter-pg", "pino", "nodemailer"],
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;
