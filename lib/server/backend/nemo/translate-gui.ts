import "server-only";

// NemoVideo's agent talks as if the user had its editor open ("click Export", "open the
// project panel", "drag the clip"). Here there are no such buttons: each sentence with a
// GUI instruction is rewritten into what this app does instead, and the action is
// returned so the chat can carry it out (start the export, show the timeline).

export type GuiAction = "export" | "timeline";

export interface Translated {
  text: string;
  actions: GuiAction[];
}

const EXPORT_SAY =
  "I'm starting the export for you now; the download link appears here when it is ready.";
/** Said with the summary once the turn has ended and the fresh state is known. */
export const TIMELINE_SAY = "Here is the timeline as it stands:";
const DRAG_SAY =
  'Instead of dragging, type the change you want (for example "move the title to the end") and I will make it.';

const RULES: { test: RegExp; action?: GuiAction; say: string }[] = [
  {
    test: /\b(?:click|tap|press|hit|select|choose|use)\b[^.!?\n]{0,40}?\bexport\b|(?:点击|点)\s*[「“"']?\s*导出|导出按钮/i,
    action: "export",
    say: EXPORT_SAY,
  },
  {
    test: /\bpreview\b[^.!?\n]{0,40}\btimeline\b|\btimeline\b[^.!?\n]{0,20}\bpreview\b|时间线.{0,8}预览|预览.{0,8}时间线/i,
    action: "timeline",
    say: "",
  },
  { test: /\b(?:drag|drop|dragging)\b|拖拽|拖动/i, say: DRAG_SAY },
  {
    test: /\bopen\s+(?:up\s+)?(?:the|your)\s+(?:[\w-]+\s+){0,2}(?:panel|tab|timeline|project|editor|preview|menu|library|media|settings|sidebar|window|page|track)s?\b|打开/i,
    action: "timeline",
    say: "",
  },
];

const CLICK =
  /\b(?:click|tap|press)(?:\s+on)?(?:\s+the)?\s+["“'「]?([^"”'」.!?,\n]{1,40}?)["”'」]?(?:\s+(?:button|icon|tab))?(?=\s+(?:to|and|for|then)\b|[.!?,\n]|$)/i;
const CLICK_ZH = /点击\s*[「“"']?([^」”"'，。！？\s]{1,20})[」”"']?/;

/** One sentence in, the sentence the user should read (and what to do about it) out. */
export function translateGui(sentence: string): Translated {
  for (const rule of RULES) {
    if (rule.test.test(sentence))
      return {
        text: rule.say ? keepSpacing(sentence, rule.say) : "",
        actions: rule.action ? [rule.action] : [],
      };
  }
  const click = CLICK.exec(sentence);
  if (click) {
    const label = click[1].trim().toLowerCase();
    return {
      text: sentence.replace(click[0], `say "${label}"`).replace(/^say/, "Say"),
      actions: [],
    };
  }
  const zh = CLICK_ZH.exec(sentence);
  if (zh) return { text: sentence.replace(zh[0], `说"${zh[1]}"`), actions: [] };
  return { text: sentence, actions: [] };
}

function keepSpacing(original: string, replacement: string): string {
  const lead = /^\s*/.exec(original)![0];
  const trail = /\s*$/.exec(original)![0];
  return `${lead}${replacement}${trail}`;
}

/**
 * Streams text out sentence by sentence, so a GUI phrase split across chunks ("click Ex" +
 * "port") is still recognised. Holds back at most one unfinished sentence.
 */
export function createSentenceBuffer(maxHold = 240) {
  let pending = "";
  const END = /[.!?。！？\n]+["”')\]]*\s*/g;

  function push(text: string): string[] {
    pending += text;
    const out: string[] = [];
    let last = 0;
    END.lastIndex = 0;
    for (let m = END.exec(pending); m; m = END.exec(pending)) {
      // "1.5 s" or "v2.1": a dot between digits does not end a sentence.
      if (
        m[0].startsWith(".") &&
        /\d/.test(pending[m.index - 1] ?? "") &&
        /\d/.test(pending[m.index + 1] ?? "")
      )
        continue;
      const end = m.index + m[0].length;
      if (end === pending.length && !/\s$|\n/.test(m[0])) break; // may continue ("..." or a decimal)
      out.push(pending.slice(last, end));
      last = end;
    }
    pending = pending.slice(last);
    if (pending.length > maxHold) {
      out.push(pending);
      pending = "";
    }
    return out;
  }

  function flush(): string {
    const rest = pending;
    pending = "";
    return rest;
  }

  return { push, flush };
}
