// The options page's filter, as the browsers' own settings search works: every word typed must appear in a
// setting's label, hint or section heading; case and accents don't matter; a section with no match is hidden.

/**
 * Text folded for matching: compatibility forms (full-width Ｓ, the ligature ﬁ) as plain letters, the
 * accents of Latin, Greek and Cyrillic letters dropped (é → e, ä → a, ё → е), lower case, ß as ss.
 * Only U+0300–U+036F are dropped: the kana voicing marks (U+3099, U+309A) tell Japanese words apart.
 */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/ß/g, 'ss');
}

/** The words of a query, folded. Japanese and Chinese are written without spaces: there the whole query is one substring. */
export function searchWords(query: string): string[] {
  return foldForSearch(query)
    .split(/\s+/u)
    .filter((word) => word.length > 0);
}

/** One thing the filter shows or hides (a setting, or a block such as the history panel): its id and the texts it shows. */
export interface SearchableItem {
  readonly id: string;
  readonly texts: readonly string[];
}

export interface SearchableSection {
  readonly id: string;
  readonly heading: string;
  readonly items: readonly SearchableItem[];
}

export interface FilterResult {
  /** Ids of the items to show. */
  readonly items: ReadonlySet<string>;
  /** Ids of the sections with at least one item to show. */
  readonly sections: ReadonlySet<string>;
}

/**
 * Which items and sections a query leaves, or null when the query has no words (everything shows).
 * An item matches when each word is in its section's heading or in one of its texts (different words
 * may be in different texts: "sound chime" finds "A soft chime at each step" under "Sound and voice").
 */
export function filterSections(sections: readonly SearchableSection[], query: string): FilterResult | null {
  const words = searchWords(query);
  if (words.length === 0) return null;
  const items = new Set<string>();
  const shown = new Set<string>();
  for (const section of sections) {
    const heading = foldForSearch(section.heading);
    for (const item of section.items) {
      const texts = [heading, ...item.texts.map(foldForSearch)];
      if (words.every((word) => texts.some((text) => text.includes(word)))) {
        items.add(item.id);
        shown.add(section.id);
      }
    }
  }
  return { items, sections: shown };
}
