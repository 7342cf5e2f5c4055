// The options filter: words against labels, hints and headings, case- and accent-insensitive, whole sections hidden.
import { describe, expect, it } from 'vitest';
import { filterSections, foldForSearch, searchWords, type SearchableSection } from '../../../src/core/rules/settings-search';

const SECTIONS: SearchableSection[] = [
  {
    id: 'breaks',
    heading: 'Pausen',
    items: [
      { id: 'snoozeMinutes', texts: ['Verschieben um (Minuten)', 'Von 1 bis 30.'] },
      { id: 'badgeMinutes', texts: ['Minuten bis zur nächsten Pause am Symbolleisten-Button zeigen'] },
    ],
  },
  {
    id: 'sound',
    heading: 'Sound and voice',
    items: [
      { id: 'sound', texts: ['A soft chime at each step'] },
      { id: 'voice', texts: ['Spoken cues'] },
    ],
  },
  {
    id: 'routine',
    heading: 'ルーティンと運動',
    items: [{ id: 'routine', texts: ['ストレッチの種類', 'ガイド付き'] }],
  },
];

describe('folding text for the options filter', () => {
  it('ignores case and accents, and reads ß as ss', () => {
    expect(foldForSearch('NÄCHSTEN Pause')).toBe('nachsten pause');
    expect(foldForSearch('Écran Ñandú')).toBe('ecran nandu');
    expect(foldForSearch('Straße')).toBe('strasse');
    expect(foldForSearch('Ёлка')).toBe('елка');
  });

  it('reads full-width letters as plain ones, and keeps the kana voicing marks apart', () => {
    expect(foldForSearch('Ｓｎｏｏｚｅ')).toBe('snooze');
    expect(foldForSearch('ガ')).not.toBe(foldForSearch('カ'));
  });

  it('splits a query into words at any space, the ideographic one too', () => {
    expect(searchWords('  sound\tChime ')).toEqual(['sound', 'chime']);
    expect(searchWords('運動\u3000ガイド')).toEqual(['運動', foldForSearch('ガイド')]);
    expect(searchWords('   ')).toEqual([]);
  });
});

describe('filtering the options sections', () => {
  it('shows everything for an empty query', () => {
    expect(filterSections(SECTIONS, '')).toBeNull();
    expect(filterSections(SECTIONS, '  ')).toBeNull();
  });

  it('finds a setting by a word of its label, whatever the case and accents', () => {
    const result = filterSections(SECTIONS, 'NACHSTEN')!;
    expect([...result.items]).toEqual(['badgeMinutes']);
    expect([...result.sections]).toEqual(['breaks']);
  });

  it('needs every word, each in the heading or one of the texts', () => {
    expect([...filterSections(SECTIONS, 'sound chime')!.items]).toEqual(['sound']);
    expect([...filterSections(SECTIONS, 'minuten verschieben')!.items]).toEqual(['snoozeMinutes']);
    expect([...filterSections(SECTIONS, 'chime cues')!.items]).toEqual([]);
  });

  it('a word of the section heading shows the whole section', () => {
    expect([...filterSections(SECTIONS, 'voice')!.items]).toEqual(['sound', 'voice']);
  });

  it('matches part of a word, and Japanese without spaces as a substring', () => {
    expect([...filterSections(SECTIONS, 'schieb')!.items]).toEqual(['snoozeMinutes']);
    expect([...filterSections(SECTIONS, '種類')!.items]).toEqual(['routine']);
    expect([...filterSections(SECTIONS, '運動')!.sections]).toEqual(['routine']);
  });

  it('leaves no section when nothing matches', () => {
    const result = filterSections(SECTIONS, 'xylophone')!;
    expect(result.items.size).toBe(0);
    expect(result.sections.size).toBe(0);
  });
});
