// Entry of the break page: shown in the overlay's iframe or in the break window.
import { render } from 'preact';
import { browser } from '../../platform/browser';
import { SCHEDULE_KEY, TIMING_KEY } from '../../core/contracts/storage-keys';
import '../../ui/theme.css';
import './break.css';
import { t } from '../../platform/i18n';
import { request } from '../../ui/messaging';
import { applyDocumentLocale } from '../../ui/document-locale';
import { applyLastKnownTheme } from '../../ui/theme';
import { BreakApp } from './BreakApp';
import { applyTheme, loadPreferences, type BreakPreferences } from './preferences';
import { hintFrom, promptViewFrom, type PromptView } from '../../core/contracts/break-view';

const params = new URLSearchParams(location.search);
const surface = params.get('surface') === 'overlay' ? 'overlay' : 'window';
/** Given by the background in this page's URL; the background obeys break requests only with it. */
const token = params.get('token') ?? '';
/**
 * The overlay's page lives in our overlay's frame and the break window's page is a window of its
 * own. Anywhere else (a web page framing it as a window, or opening it as an overlay) it shows and
 * asks nothing: a web page must not be able to hide a break page behind its own and press Start.
 */
const inItsPlace = (window.top !== window) === (surface === 'overlay');
document.documentElement.dataset.surface = surface;
applyDocumentLocale();
document.title = t('breakPageTitle');

// Everything goes out at once. The background's answer is the authority, but it waits behind
// whatever the background is still doing to show this break, so the prompt paints from what
// opened the page (its URL) or else from storage, and the answer then confirms or corrects it.
const breakView = inItsPlace ? request({ type: 'break:get', token }) : Promise.resolve(null);
const preferences = inItsPlace ? loadPreferences() : new Promise<never>(() => undefined);

/** One storage read, not queued behind whatever the background is still doing to show the break. */
async function readStoredPromptView(): Promise<PromptView | null> {
  try {
    const local = await browser.storage.local.get([SCHEDULE_KEY, TIMING_KEY]);
    return promptViewFrom(local[SCHEDULE_KEY], local[TIMING_KEY]);
  } catch {
    return null;
  }
}

function mount(storedPrompt: PromptView | null, initialPreferences: BreakPreferences): void {
  applyTheme(initialPreferences.theme);
  render(
    <BreakApp surface={surface} token={token} storedPrompt={storedPrompt} breakView={breakView} initialPreferences={initialPreferences} preferences={preferences} />,
    document.getElementById('app')!,
  );
}

const hint = hintFrom(params);
if (!inItsPlace) {
  // Out of place: the page stays empty and sends nothing.
} else if (hint) {
  mount(hint.prompt, hint.preferences);
} else {
  applyLastKnownTheme();
  void Promise.all([readStoredPromptView(), preferences]).then(([storedPrompt, loaded]) => mount(storedPrompt, loaded));
}
