// `lang` and `dir` of every page come from the UI language's tag (WCAG 3.1.1; right-to-left readiness).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { applyDocumentLocale } from '../../../src/ui/document-locale';

const PAGES_DIR = fileURLToPath(new URL('../../../src/pages/', import.meta.url));

const root = () => ({ lang: 'en', dir: '' }) as HTMLElement;

describe('applyDocumentLocale', () => {
  it('names the language of the messages shown and lays it out left to right', () => {
    for (const tag of ['de', 'es', 'pt-BR', 'zh-CN', 'ja']) {
      const html = root();
      applyDocumentLocale(html, tag);
      expect([html.lang, html.dir]).toEqual([tag, 'ltr']);
    }
  });

  it('turns the page right to left for Arabic, Hebrew, Persian and Urdu (and the ar-XB pseudo-locale)', () => {
    for (const tag of ['ar', 'he', 'fa', 'ur', 'ar-XB']) {
      const html = root();
      applyDocumentLocale(html, tag);
      expect([html.lang, html.dir]).toEqual([tag, 'rtl']);
    }
  });
});

describe('every page', () => {
  it('sets lang and dir in its entry, before it first renders', () => {
    const pages = readdirSync(PAGES_DIR, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
    expect(pages).toEqual(expect.arrayContaining(['break', 'options', 'popup', 'welcome']));
    const problems: string[] = [];
    for (const page of pages) {
      const source = readFileSync(join(PAGES_DIR, page, 'main.tsx'), 'utf8');
      const applied = source.indexOf('applyDocumentLocale()');
      const rendered = source.search(/\brender\(/);
      if (applied < 0) problems.push(`src/pages/${page}/main.tsx: call applyDocumentLocale() (src/ui/document-locale.ts)`);
      else if (rendered >= 0 && applied > rendered) problems.push(`src/pages/${page}/main.tsx: call applyDocumentLocale() before the first render()`);
    }
    expect(problems).toEqual([]);
  });
});
