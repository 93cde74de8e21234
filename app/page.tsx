import { Studio } from "@/components/studio/studio";
import { serverEnv } from "@/lib/server/env";

// Rendered per request: the page carries the server's upload limit (MAX_UPLOAD_MB), so
// the studio refuses a file over it before sending a byte, and how to upload: resumable
// (tus) with the local engine, in UPLOAD_CHUNK_MB requests.
export const dynamic = "force-dynamic";

export default function Page() {
  const env = serverEnv();
  const uploadMode = {
    resumable: env.BACKEND === "local",
    chunkBytes: Math.round(env.UPLOAD_CHUNK_MB * 1024 * 1024),
  };
  return (
    <Studio maxUploadBytes={Math.round(env.MAX_UPLOAD_MB * 1024 * 1024)} uploadMode={uploadMode} />
  );
}
