// The rules of the extension's UI language: which way text runs and which day starts the week.
// Pure (Intl only). The language is a BCP 47 tag that each locale file names for itself (its
// `localeTag` message, read by platform/i18n.ts, which also picks plural forms), so the rules
// follow the messages actually shown, not the browser's own language.

/** Languages written right to left (ISO 639 codes, with Hebrew's legacy `iw`). */
const RTL_LANGUAGES = new Set(['ar', 'he', 'iw', 'fa', 'ur', 'ps', 'sd', 'ug', 'yi', 'dv', 'ckb']);

export function languageOf(tag: string): string {
  return (tag.split(/[-_]/)[0] ?? '').toLowerCase();
}

/** `rtl` for a right-to-left language, `ltr` for every other (and for a malformed tag). */
export function textDirection(tag: string): 'ltr' | 'rtl' {
  return RTL_LANGUAGES.has(languageOf(tag)) ? 'rtl' : 'ltr';
}

/**
 * The first day of the week where `Intl.Locale` doesn't say (Firefox before getWeekInfo), for the
 * languages Unhunch ships, per CLDR's weekData for each language's default region: en → US,
 * pt-BR → Brazil and ja → Japan start on Sunday; Europe and China on Monday. 0 = Sunday, as Date#getDay.
 */
const FIRST_DAY_FALLBACK: Readonly<Record<string, number>> = {
  en: 0,
  de: 1,
  es: 1,
  fr: 1,
  it: 1,
  pl: 1,
  ru: 1,
  pt: 0,
  'pt-br': 0,
  'pt-pt': 1,
  ja: 0,
  zh: 1,
  'zh-cn': 1,
  'zh-tw': 0,
  ar: 6,
  he: 0,
};

interface WeekInfo {
  firstDay: number;
}
type LocaleWithWeekInfo = Intl.Locale & { getWeekInfo?: () => WeekInfo; weekInfo?: WeekInfo };

/** The day a week starts on in `tag`, 0 = Sunday … 6 = Saturday (Date#getDay's numbering). */
export function firstDayOfWeek(tag: string): number {
  try {
    const locale = new Intl.Locale(tag) as LocaleWithWeekInfo;
    const info = typeof locale.getWeekInfo === 'function' ? locale.getWeekInfo() : locale.weekInfo;
    // Intl numbers the days 1 = Monday … 7 = Sunday.
    if (info && Number.isInteger(info.firstDay)) return info.firstDay % 7;
  } catch {
    // A malformed tag: fall through to the table.
  }
  return firstDayFallback(tag);
}

/** The table's answer (exported for the test that holds it to CLDR); Monday for a language it lacks. */
export function firstDayFallback(tag: string): number {
  const lower = tag.toLowerCase().replace('_', '-');
  return FIRST_DAY_FALLBACK[lower] ?? FIRST_DAY_FALLBACK[languageOf(lower)] ?? 1;
}

/** The seven days (Date#getDay numbers) in the order a week is read in `tag`. */
export function weekOrder(tag: string, firstDay = firstDayOfWeek(tag)): number[] {
  return Array.from({ length: 7 }, (_, i) => (firstDay + i) % 7);
}
