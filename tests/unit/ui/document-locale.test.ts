// `lang` and `dir` of every page come from the UI language's tag (WCAG 3.1.1; right-to-left readiness).
import { describe, expect, it } from 'vitest';
import { applyDocumentLocale } from '../../../src/ui/document-locale';

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
