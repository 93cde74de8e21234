import path from "node:path";
import type { Env } from "@/lib/config/env-schema";
import { createDiskStorage } from "./disk-storage";
import { createS3Storage } from "./s3-storage";
import type { Storage } from "./storage";

// Picks the file storage once, from STORAGE: "disk" keeps files under DATA_DIR/storage,
// "s3" needs S3_ENDPOINT, S3_BUCKET and the key pair (S3_REGION defaults to us-east-1).

export function createStorage(
  env: Pick<
    Env,
    | "STORAGE"
    | "S3_ENDPOINT"
    | "S3_REGION"
    | "S3_BUCKET"
    | "S3_ACCESS_KEY_ID"
    | "S3_SECRET_ACCESS_KEY"
  >,
  dataDir: string,
): Storage {
  if (env.STORAGE === "disk") return createDiskStorage(path.join(dataDir, "storage"));
  const missing = (
    ["S3_ENDPOINT", "S3_BUCKET", "S3_ACCESS_KEY_ID", "S3_SECRET_ACCESS_KEY"] as const
  ).filter((k) => !env[k]);
  if (missing.length > 0) {
    throw new Error(
      `STORAGE=s3 needs ${missing.join(", ")} (see .env.example), or set STORAGE=disk.`,
    );
  }
  return createS3Storage({
    endpoint: env.S3_ENDPOINT!,
    region: env.S3_REGION,
    bucket: env.S3_BUCKET!,
    credentials: { accessKeyId: env.S3_ACCESS_KEY_ID!, secretAccessKey: env.S3_SECRET_ACCESS_KEY! },
    cacheDir: path.join(dataDir, "cache", "storage"),
  });
}
