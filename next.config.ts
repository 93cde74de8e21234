import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Native and process-spawning modules stay outside the server bundle.
  serverExternalPackages: ["better-sqlite3", "busboy", "bullmq", "ioredis"],
  poweredByHeader: false,
  eslint: { ignoreDuringBuilds: true },
};

export default nextConfig;
