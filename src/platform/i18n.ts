// Every user-visible string, in the pages and the background, goes through here, so each one comes from _locales.

import { browser } from './browser';
import type { MessageKey, PluralBase } from '../core/contracts/message-keys';

export function t(key: MessageKey, substitutions?: string | string[]): string {
  const message = browser.i18n.getMessage(key, substitutions);
  // An empty answer means a missing key: show the key so the gap is visible, not a blank.
  return message || key;
}

// ---------------------------------------------------------------------------------------------
// Plural forms: pure, so the unit tests run them for every locale without a browser.

/** The CLDR plural categories `Intl.PluralRules` names; a plural message is `<base>_<category>`. */
export const PLURAL_CATEGORIES = ['zero', 'one', 'two', 'few', 'many', 'other'] as const;
export type PluralCategory = (typeof PLURAL_CATEGORIES)[number];

const pluralRules = new Map<string, Intl.PluralRules>();

/** The plural category of `count` in `tag` (an unknown tag falls back to the runtime's default). */
export function pluralCategory(tag: string, count: number): PluralCategory {
  let rules = pluralRules.get(tag);
  if (!rules) {
    try {
      rules = new Intl.PluralRules(tag);
    } catch {
      rules = new Intl.PluralRules('en');
    }
    pluralRules.set(tag, rules);
  }
  return rules.select(count) as PluralCategory;
}

/** The categories a language uses, in the order of PLURAL_CATEGORIES. */
export function pluralCategoriesOf(tag: string): PluralCategory[] {
  const used = new Set<string>(new Intl.PluralRules(tag).resolvedOptions().pluralCategories);
  return PLURAL_CATEGORIES.filter((category) => used.has(category));
}

/**
 * The message key for `count` in the plural family `base`: `<base>_<category>`, or `<base>_other`
 * when the locale has no message for that category (a locale file that is not complete yet still
 * shows a sentence with the right number, never a key).
 */
export function pluralMessageKey(base: string, count: number, tag: string, has: (key: string) => boolean): string {
  const key = `${base}_${pluralCategory(tag, count)}`;
  return has(key) ? key : `${base}_other`;
}

// ---------------------------------------------------------------------------------------------
// The UI language

let cachedLocale: string | undefined;

/**
 * The BCP 47 tag of the language whose messages are shown ("de" for German messages under a
 * de-AT browser, "pt-BR" for pt_BR): each locale file names itself in `localeTag`. Plurals,
 * dates, numbers, `lang` and `dir` all follow it, so a page never mixes two languages.
 */
export function uiLocale(): string {
  cachedLocale ??= validTag(browser.i18n.getMessage('localeTag')) ?? validTag(browser.i18n.getUILanguage()) ?? 'en';
  return cachedLocale;
}

function validTag(tag: string | undefined): string | undefined {
  try {
    return tag ? Intl.getCanonicalLocales(tag)[0] : undefined;
  } catch {
    return undefined;
  }
}

const numberFormats = new Map<string, Intl.NumberFormat>();

/** A count as the UI language writes it ("1,234" in English, "1.234" in German). */
export function formatCount(count: number, tag = uiLocale()): string {
  let format = numberFormats.get(tag);
  if (!format) {
    format = new Intl.NumberFormat(tag, { maximumFractionDigits: 0 });
    numberFormats.set(tag, format);
  }
  return format.format(count);
}

/**
 * A message with a count: the plural family `<base>_<category>` (README § Languages), the
 * category chosen by `Intl.PluralRules` of the UI language, `<base>_other` if that form is missing.
 * `substitutions` default to the count itself, written the language's way.
 */
export function tPlural(base: PluralBase, count: number, substitutions: string | string[] = [formatCount(count)]): string {
  const key = pluralMessageKey(base, count, uiLocale(), (candidate) => browser.i18n.getMessage(candidate) !== '');
  // A family's forms are en's keys (tests/unit/i18n checks every locale has exactly its language's forms).
  return t(key as MessageKey, substitutions);
}
