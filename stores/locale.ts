import { create } from "zustand";
import { en, type StringKey } from "@/lib/i18n/en";
import { zh } from "@/lib/i18n/zh";

// The interface language: the browser's on first visit, then what the creator picked.

export type Locale = "en" | "zh";
export const LOCALES: Locale[] = ["en", "zh"];
const TABLES: Record<Locale, Record<StringKey, string>> = { en, zh };
const STORAGE_KEY = "vso-locale";

/** zh-CN, zh-Hans, zh-SG... read Simplified Chinese; everything else English. */
export function localeFor(languages: readonly string[]): Locale {
  for (const l of languages) {
    const tag = l.toLowerCase();
    if (tag.startsWith("zh")) return "zh";
    if (tag.startsWith("en")) return "en";
  }
  return "en";
}

/** One string of `locale`, with {name} placeholders filled in. */
export function translate(
  locale: Locale,
  key: StringKey,
  vars?: Record<string, string | number>,
): string {
  const text = TABLES[locale][key] ?? en[key];
  return vars
    ? text.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m))
    : text;
}

interface LocaleState {
  /** The interface language. */
  locale: Locale;
  /** Pick a language (remembered in this browser). */
  setLocale(locale: Locale): void;
  /** Read the remembered choice or the browser's languages (once, after hydration). */
  detect(): void;
}

export const useLocaleStore = create<LocaleState>((set) => ({
  locale: "en",
  setLocale(locale) {
    set({ locale });
    try {
      localStorage.setItem(STORAGE_KEY, locale);
      document.documentElement.lang = locale === "zh" ? "zh-CN" : "en";
    } catch {
      // private mode: the choice lasts for this page only
    }
  },
  detect() {
    let saved: string | null = null;
    try {
      saved = localStorage.getItem(STORAGE_KEY);
    } catch {
      // no storage
    }
    const locale =
      saved === "en" || saved === "zh"
        ? saved
        : localeFor(navigator.languages?.length ? navigator.languages : [navigator.language]);
    set({ locale });
    document.documentElement.lang = locale === "zh" ? "zh-CN" : "en";
  },
}));

/** `t(key, vars)`: one string in the current interface language. */
export type Translate = (key: StringKey, vars?: Record<string, string | number>) => string;

/** `t(key, vars)` in the current interface language. */
export function useT(): Translate {
  const locale = useLocaleStore((s) => s.locale);
  return (key: StringKey, vars?: Record<string, string | number>) => translate(locale, key, vars);
}
