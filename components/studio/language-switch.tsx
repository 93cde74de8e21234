"use client";

import { useEffect } from "react";
import { translate, LOCALES, useLocaleStore, useT, type Locale } from "@/stores/locale";

/** English / 中文: starts from the browser's language, remembers a choice. */
export function LanguageSwitch() {
  const t = useT();
  const locale = useLocaleStore((s) => s.locale);
  const setLocale = useLocaleStore((s) => s.setLocale);
  useEffect(() => useLocaleStore.getState().detect(), []);
  return (
    <select
      data-testid="language-switch"
      aria-label={t("lang.switch")}
      value={locale}
      onChange={(e) => setLocale(e.target.value as Locale)}
      className="h-8 rounded-lg border border-zinc-300 bg-white px-1.5 text-xs text-zinc-800 focus-visible:outline focus-visible:outline-2 focus-visible:outline-brand dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100"
    >
      {LOCALES.map((l) => (
        <option key={l} value={l} lang={l === "zh" ? "zh-CN" : "en"}>
          {translate(l, "lang.name")}
        </option>
      ))}
    </select>
  );
}
