// Server Actions refuse bodies over 1 MB by default. A reply or a new request may carry 5 files of
// DESK_MAX_ATTACHMENT_MB each (lib/attachments/limits.ts enforces the real limits, by content); the
// body may be a little larger than the files. Read here because Next.js applies it before any app code.
const attachmentMegabytes = Number(process.env.DESK_MAX_ATTACHMENT_MB) > 0 ? Number(process.env.DESK_MAX_ATTACHMENT_MB) : 10;

/** @type {import('next').NextConfig} */
const nextConfig = {
  experimental: { serverActions: { bodySizeLimit: `${Math.ceil(attachmentMegabytes * 5) + 2}mb` } },
  // PGlite ships WASM beside its modules and pg/Prisma load drivers at run time: keep them unbundled.
  serverExternalPackages: ["@electric-sql/pglite", "@electric-sql/pglite-socket", "pg", "pg-boss", "@prisma/adapter-pg", "pino", "nodemailer"],
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;
