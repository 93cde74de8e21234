import React, { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { RichText } from "./rich-text";

// Vitest compiles .tsx with the classic JSX transform (React.createElement); Next uses the
// automatic one, so components do not import React themselves.
(globalThis as unknown as { React: typeof React }).React = React;

const html = (text: string) => renderToStaticMarkup(createElement(RichText, { text }));

describe("RichText", () => {
  it.each([
    ["plain words", "Trimmed the intro.", "Trimmed the intro."],
    [
      "a share link",
      "share this link: /s/shr_AB-c9.",
      'share this link: <a href="/s/shr_AB-c9" rel="noreferrer" class="break-all font-medium text-brand underline dark:text-indigo-300">/s/shr_AB-c9</a>.',
    ],
    ["a web address", "see https://example.com/help, then", 'href="https://example.com/help"'],
    [
      "a sentence's full stop stays outside the link",
      "share this link: http://localhost:3100/s/shr_x.",
      ">http://localhost:3100/s/shr_x</a>.",
    ],
    ["markup stays text", "<b>bold</b> /s/x", "&lt;b&gt;bold&lt;/b&gt;"],
  ])("%s", (_n, text, expected) => expect(html(text)).toContain(expected));

  it("opens web addresses in a new tab but share links in place", () => {
    expect(html("https://a.example/x")).toContain('target="_blank"');
    expect(html("/s/abc")).not.toContain("target=");
  });
});
