import { describe, expect, it } from "vitest";
import { requestLanguage } from "./request-language";

describe("requestLanguage", () => {
  it("answers Chinese sentences that borrow an English word or brand in Chinese", () => {
    expect(requestLanguage("发到Instagram")).toBe("zh");
    expect(requestLanguage("把intro删了")).toBe("zh");
    expect(requestLanguage("帮我render一下1080p")).toBe("zh");
    expect(requestLanguage("剪掉前5秒")).toBe("zh");
    expect(requestLanguage("slow down一点")).toBe("zh");
    expect(requestLanguage("clip加速3x")).toBe("zh");
  });
  it("keeps English requests English, even with a quoted Chinese title", () => {
    expect(requestLanguage('put the title "春节快乐" at the top')).toBe("en");
    expect(requestLanguage("cut the first 5 seconds")).toBe("en");
    expect(requestLanguage("add captions in chinese 中文")).toBe("en");
    expect(requestLanguage("add a title saying 春天来了")).toBe("en");
    expect(requestLanguage("“新年好”")).toBe("zh");
  });
});
