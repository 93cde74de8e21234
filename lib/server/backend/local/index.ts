import "server-only";
import type { Engine } from "@/lib/engine/create-engine";
import type { Backend } from "../types";
import { localSessionPart } from "./session";
import { localMediaPart } from "./media";
import { localExportPart } from "./exports";
import { localChatPart } from "./chat";
import { localStatePart } from "./state";
import { localCaptionsPart } from "./captions";
import { localTranscriptPart } from "./transcript";
import { localResumablePart } from "./resumable";

/** The embedded engine behind the Backend interface. */
export function createLocalBackend(engine: Engine): Backend {
  const media = localMediaPart(engine);
  const exports = localExportPart(engine);
  const { previewUrl, ...exportApi } = exports;
  const state = localStatePart(engine, {
    listMedia: media.listMedia,
    listExports: exports.listExports,
    previewUrl,
  });
  return {
    kind: "local",
    ...localSessionPart(engine),
    ...media,
    ...exportApi,
    ...localChatPart(engine),
    ...state,
    ...localCaptionsPart(engine, state.state),
    ...localTranscriptPart(engine),
    ...localResumablePart(engine),
  };
}
