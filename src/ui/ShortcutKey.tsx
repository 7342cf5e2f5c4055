// The keyboard shortcut for "Take a break now" as the browser actually assigned it, or "Not set" and where to set one.
//
// A browser leaves the manifest's suggested key unset when it is taken (Chrome's own shortcuts, another
// extension's), so the key is read from `commands.getAll()`, never assumed.
import { useEffect, useState } from 'preact/hooks';
import { browser } from '../platform/browser';
import { t } from '../platform/i18n';
import './shortcut-key.css';

/** The command's name in manifest.json `commands`. */
export const TAKE_BREAK_COMMAND = 'take-break';

/** The assigned shortcut ("" when none), or null when the browser can't say. */
async function assignedShortcut(): Promise<string | null> {
  try {
    const commands = await browser.commands.getAll();
    return commands.find((command) => command.name === TAKE_BREAK_COMMAND)?.shortcut ?? '';
  } catch {
    return null;
  }
}

const isFirefox = browser.runtime.getURL('').startsWith('moz-extension:');

export function ShortcutKey() {
  const [shortcut, setShortcut] = useState<string | null | undefined>(undefined);
  useEffect(() => {
    void assignedShortcut().then(setShortcut);
  }, []);
  if (shortcut === undefined || shortcut === null) return null;
  return (
    <p class="shortcut-key" data-testid="take-break-shortcut">
      {t('shortcutTakeBreakLabel')}{' '}
      {shortcut ? (
        <kbd>{shortcut}</kbd>
      ) : (
        <>
          <strong>{t('shortcutNotSet')}</strong> {t(isFirefox ? 'shortcutHowToSetFirefox' : 'shortcutHowToSetChrome')}
        </>
      )}
    </p>
  );
}
