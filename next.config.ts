import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Native and process-spawning modules stay outside the server bundle, and so do the
  // planner's word lists (a 3 MB English list and the pinyin tables), read once at run time.
  serverExternalPackages: [
    "better-sqlite3",
    "busboy",
    "bullmq",
    "ioredis",
    "node-llama-cpp",
    "an-array-of-english-words",
    "pinyin-pro",
  ],
  poweredByHeader: false,
  eslint: { ignoreDuringBuilds: true },
};

export default nextConfig;
