// The filter at the top of the options page: narrows the settings to those whose label, hint or section heading
// has the words typed, in the page's language, as the browsers' own settings search does; Escape clears it.
import type { ComponentChildren, RefObject } from 'preact';
import { useLayoutEffect, useState } from 'preact/hooks';
import { filterSections, type FilterResult, type SearchableSection } from '../../core/rules/settings-search';
import { t } from '../../platform/i18n';

/** What the filter reads of an item: the words a person sees for it (labels, hints, headings, buttons), not long instructions. */
const SHOWN_TEXT = 'label, legend, .hint, h2, h3, button, summary, figcaption';

/** The sections and items under `root` with the texts they render now, so the filter matches exactly what is on screen. */
export function readSearchableSections(root: ParentNode): SearchableSection[] {
  return [...root.querySelectorAll<HTMLElement>('[data-filter-section]')].map((section) => ({
    id: section.dataset.filterSection ?? '',
    heading: section.querySelector('h2')?.textContent ?? '',
    items: [...section.querySelectorAll<HTMLElement>('[data-filter-item]')].map((item) => ({
      id: item.dataset.filterItem ?? '',
      // A dialog's text (the reset question) is not what the item is called.
      texts: [...item.querySelectorAll(SHOWN_TEXT)].filter((element) => !element.closest('dialog')).map((element) => element.textContent ?? ''),
    })),
  }));
}

/** The filter's result for `query` over what `root` renders; null while the query is empty (everything shows). */
export function useSettingsFilter(root: RefObject<HTMLElement | null>, query: string): FilterResult | null {
  const [result, setResult] = useState<FilterResult | null>(null);
  // Before paint: the page never shows a frame filtered by the previous query.
  useLayoutEffect(() => {
    setResult(root.current ? filterSections(readSearchableSections(root.current), query) : null);
  }, [query, root]);
  return query.trim() ? result : null;
}

/** One setting (or block) the filter shows or hides. */
export function FilterItem(props: { id: string; result: FilterResult | null; children: ComponentChildren }) {
  return (
    <div class="filter-item" data-filter-item={props.id} hidden={props.result ? !props.result.items.has(props.id) : false}>
      {props.children}
    </div>
  );
}

export function SettingsFilter(props: { query: string; result: FilterResult | null; onQuery: (query: string) => void }) {
  const { query, result } = props;
  const summary = !result ? '' : result.items.size === 0 ? t('optFilterNoMatch', [query.trim()]) : t('optFilterCount', [String(result.items.size)]);
  return (
    <div class="settings-filter" role="search">
      <label for="settings-filter">{t('optFilterLabel')}</label>
      <input
        id="settings-filter"
        type="search"
        value={query}
        autocomplete="off"
        spellcheck={false}
        aria-describedby="settings-filter-result"
        onInput={(event) => props.onQuery(event.currentTarget.value)}
        onKeyDown={(event) => {
          // Firefox's search field doesn't clear on Escape, Chromium's does: the same everywhere.
          if (event.key === 'Escape' && event.currentTarget.value) {
            event.preventDefault();
            props.onQuery('');
          }
        }}
      />
      {/* Always in the page (empty when not filtering): a live region added with its text is often not read. */}
      <p id="settings-filter-result" class={`filter-result${result?.items.size === 0 ? ' none' : ''}`} role="status" aria-live="polite">
        {summary}
      </p>
    </div>
  );
}
