// `lang` and `dir` of a page from the UI language (WCAG 3.1.1: a screen reader speaks German
// text as German; an Arabic or Hebrew locale lays the page out right to left). Called by each
// page's entry before its first render: one message lookup, no layout, so the timed first paint
// of the break page does not move.
import { textDirection } from '../core/rules/locale';
import { uiLocale } from '../platform/i18n';

export function applyDocumentLocale(root: HTMLElement = document.documentElement, tag: string = uiLocale()): void {
  root.lang = tag;
  root.dir = textDirection(tag);
}
