import { z } from "zod";

// JSON form of POST /api/upload: import media by link (the seed's {"urls": [...]}).
export const importUrlsSchema = z.object({
  urls: z
    .array(z.string().trim().min(1).max(2048))
    .min(1, "Give at least one link.")
    .max(10, "Import at most 10 links at once."),
});
