import { Studio } from "@/components/studio/studio";
import { serverEnv } from "@/lib/server/env";

// Rendered per request: the page carries the server's upload limit (MAX_UPLOAD_MB), so
// the studio refuses a file over it before sending a byte.
export const dynamic = "force-dynamic";

export default function Page() {
  return <Studio maxUploadBytes={Math.round(serverEnv().MAX_UPLOAD_MB * 1024 * 1024)} />;
}
