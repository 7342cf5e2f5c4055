// Plural forms (issue 19 item 2): every count a page shows picks its message through the UI
// language's Intl.PluralRules, for every shipped locale (the folder is read, so a new language is
// covered as soon as its file lands) and for Russian and Polish through fixtures before theirs do.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PLURAL_CATEGORIES, pluralCategoriesOf, pluralCategory, pluralMessageKey, type PluralCategory } from '../../../src/platform/i18n';
import { getMessageFrom, readLocale, SHIPPED_LOCALES, type LocaleMessages } from '../../support/locale-files';
import type { PluralBase } from '../../../src/core/contracts/message-keys';

const COUNTS = [0, 1, 2, 5, 11, 21, 22, 25, 101] as const;

/** CLDR's answers for the counts above, written out so a wrong rule can't agree with itself. */
const EXPECTED: Record<string, Record<(typeof COUNTS)[number], PluralCategory>> = {
  en: { 0: 'other', 1: 'one', 2: 'other', 5: 'other', 11: 'other', 21: 'other', 22: 'other', 25: 'other', 101: 'other' },
  de: { 0: 'other', 1: 'one', 2: 'other', 5: 'other', 11: 'other', 21: 'other', 22: 'other', 25: 'other', 101: 'other' },
  es: { 0: 'other', 1: 'one', 2: 'other', 5: 'other', 11: 'other', 21: 'other', 22: 'other', 25: 'other', 101: 'other' },
  it: { 0: 'other', 1: 'one', 2: 'other', 5: 'other', 11: 'other', 21: 'other', 22: 'other', 25: 'other', 101: 'other' },
  fr: { 0: 'one', 1: 'one', 2: 'other', 5: 'other', 11: 'other', 21: 'other', 22: 'other', 25: 'other', 101: 'other' },
  'pt-BR': { 0: 'one', 1: 'one', 2: 'other', 5: 'other', 11: 'other', 21: 'other', 22: 'other', 25: 'other', 101: 'other' },
  ru: { 0: 'many', 1: 'one', 2: 'few', 5: 'many', 11: 'many', 21: 'one', 22: 'few', 25: 'many', 101: 'one' },
  pl: { 0: 'many', 1: 'one', 2: 'few', 5: 'many', 11: 'many', 21: 'many', 22: 'few', 25: 'many', 101: 'many' },
  ja: { 0: 'other', 1: 'other', 2: 'other', 5: 'other', 11: 'other', 21: 'other', 22: 'other', 25: 'other', 101: 'other' },
  'zh-CN': { 0: 'other', 1: 'other', 2: 'other', 5: 'other', 11: 'other', 21: 'other', 22: 'other', 25: 'other', 101: 'other' },
};

/** The forms each target language has (README § Languages); a locale file has exactly these. */
const FORMS: Record<string, PluralCategory[]> = {
  en: ['one', 'other'],
  de: ['one', 'other'],
  es: ['one', 'many', 'other'],
  fr: ['one', 'many', 'other'],
  it: ['one', 'many', 'other'],
  'pt-BR': ['one', 'many', 'other'],
  ru: ['one', 'few', 'many', 'other'],
  pl: ['one', 'few', 'many', 'other'],
  ja: ['other'],
  'zh-CN': ['other'],
};

describe('Intl.PluralRules gives the CLDR forms of the ten target languages', () => {
  it.each(Object.keys(EXPECTED))('%s', (tag) => {
    expect(pluralCategoriesOf(tag)).toEqual(FORMS[tag]);
    for (const count of COUNTS) expect([count, pluralCategory(tag, count)]).toEqual([count, EXPECTED[tag]![count]]);
  });

  it('the "many" of Spanish, French, Italian and Portuguese is for a million and up', () => {
    for (const tag of ['es', 'fr', 'it', 'pt-BR']) expect(pluralCategory(tag, 1_000_000)).toBe('many');
  });
});

/** Plural families of a locale file: base → the categories it has a message for. */
function familiesOf(messages: LocaleMessages): Map<string, Set<string>> {
  const families = new Map<string, Set<string>>();
  const suffix = new RegExp(`^(.+)_(${PLURAL_CATEGORIES.join('|')})$`);
  const en = readLocale('en');
  for (const key of Object.keys(messages)) {
    const m = suffix.exec(key);
    if (!m || !(`${m[1]}_other` in en)) continue;
    if (!families.has(m[1]!)) families.set(m[1]!, new Set());
    families.get(m[1]!)!.add(m[2]!);
  }
  return families;
}

const placeholderNames = (entry: LocaleMessages[string] | undefined) => Object.keys(entry?.placeholders ?? {}).map((name) => name.toLowerCase()).sort();
const referenced = (message: string) => [...new Set([...message.matchAll(/\$([A-Za-z0-9_@]+)\$/g)].map((m) => m[1]!.toLowerCase()))].sort();

describe.each(SHIPPED_LOCALES)('shipped locale %s', (locale) => {
  const messages = readLocale(locale);
  const tag = messages.localeTag?.message ?? locale.replace('_', '-');
  const families = familiesOf(messages);

  it('has plural families, and each count picks a form it has a message for, placeholders intact', () => {
    expect(families.size).toBeGreaterThan(0);
    const problems: string[] = [];
    for (const [base, have] of families) {
      const other = messages[`${base}_other`];
      for (const count of COUNTS) {
        const category = pluralCategory(tag, count);
        if (!have.has(category)) problems.push(`${base}: ${count} is "${category}" in ${tag} but ${base}_${category} is missing`);
        const entry = messages[`${base}_${category}`];
        if (entry && placeholderNames(entry).join() !== placeholderNames(other).join()) {
          problems.push(`${base}_${category}: placeholders ${placeholderNames(entry).join()} ≠ ${base}_other's ${placeholderNames(other).join()}`);
        }
        if (entry && referenced(entry.message).join() !== placeholderNames(other).join()) {
          problems.push(`${base}_${category}: shows ${referenced(entry.message).join()} but must show every placeholder of ${base}_other (${placeholderNames(other).join()}) — Russian "one" is 21 too`);
        }
      }
    }
    expect(problems).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// tPlural itself, with the browser's i18n answered from a locale file.

async function loadI18n(messages: LocaleMessages, uiLanguage = 'en-US') {
  vi.resetModules();
  vi.doMock('../../../src/platform/browser', () => ({ browser: { i18n: { getMessage: getMessageFrom(messages), getUILanguage: () => uiLanguage } } }));
  return import('../../../src/platform/i18n');
}

/** The fixtures' own family, not one of en's. */
const FIXTURE_FAMILY = 'breaks' as PluralBase;

const counted = (forms: Partial<Record<PluralCategory, string>>, tag: string): LocaleMessages => ({
  localeTag: { message: tag },
  ...Object.fromEntries(
    Object.entries(forms).map(([category, message]) => [`breaks_${category}`, { message, placeholders: { count: { content: '$1' } } }]),
  ),
});

describe('tPlural', () => {
  afterEach(() => {
    vi.doUnmock('../../../src/platform/browser');
  });

  it.each(SHIPPED_LOCALES)('%s: shows the form its rules pick, with the count written the language’s way', async (locale) => {
    const messages = readLocale(locale);
    const tag = messages.localeTag!.message;
    const { tPlural, formatCount } = await loadI18n(messages, 'xx-YY');
    const getMessage = getMessageFrom(messages);
    for (const base of familiesOf(messages).keys()) {
      const needed = Object.keys(messages[`${base}_other`]!.placeholders ?? {}).length;
      for (const count of COUNTS) {
        const substitutions = Array.from({ length: needed }, () => formatCount(count));
        const expected = getMessage(pluralMessageKey(base, count, tag, (key) => key in messages), substitutions);
        expect(tPlural(base as PluralBase, count, substitutions)).toBe(expected);
        expect(expected).toContain(new Intl.NumberFormat(tag).format(count));
      }
    }
  });

  it('follows the language of the messages, not the browser’s: German messages under de-AT use "de"', async () => {
    const { uiLocale } = await loadI18n(readLocale('de'), 'de-AT');
    expect(uiLocale()).toBe('de');
  });

  it('Russian: one, few, many by the last digits (a fixture until ru lands)', async () => {
    const ru = counted({ one: '$COUNT$ перерыв', few: '$COUNT$ перерыва', many: '$COUNT$ перерывов', other: '$COUNT$ перерыва' }, 'ru');
    const { tPlural } = await loadI18n(ru);
    expect(COUNTS.map((n) => tPlural(FIXTURE_FAMILY, n))).toEqual([
      '0 перерывов',
      '1 перерыв',
      '2 перерыва',
      '5 перерывов',
      '11 перерывов',
      '21 перерыв',
      '22 перерыва',
      '25 перерывов',
      '101 перерыв',
    ]);
  });

  it('Polish: 21 is "many", 22 is "few" (a fixture until pl lands)', async () => {
    const pl = counted({ one: '$COUNT$ przerwa', few: '$COUNT$ przerwy', many: '$COUNT$ przerw', other: '$COUNT$ przerwy' }, 'pl');
    const { tPlural } = await loadI18n(pl);
    expect(COUNTS.map((n) => tPlural(FIXTURE_FAMILY, n))).toEqual([
      '0 przerw',
      '1 przerwa',
      '2 przerwy',
      '5 przerw',
      '11 przerw',
      '21 przerw',
      '22 przerwy',
      '25 przerw',
      '101 przerw',
    ]);
  });

  it('Japanese has one form for every count', async () => {
    const { tPlural } = await loadI18n(counted({ other: '休憩$COUNT$回' }, 'ja'));
    expect(COUNTS.map((n) => tPlural(FIXTURE_FAMILY, n))).toEqual(COUNTS.map((n) => `休憩${n}回`));
  });

  it('falls back to "_other" when a form is missing, never to the key', async () => {
    const { tPlural } = await loadI18n(counted({ other: '$COUNT$ перерывов' }, 'ru'));
    expect(tPlural(FIXTURE_FAMILY, 21)).toBe('21 перерывов');
  });
});
