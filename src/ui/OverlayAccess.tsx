// The optional host permission that lets breaks appear over web pages: shown until granted.
import { useEffect, useState } from 'preact/hooks';
import { browser } from '../platform/browser';
import { t } from '../platform/i18n';

export const OVERLAY_ORIGINS = { origins: ['<all_urls>'] };

/** Whether breaks may appear over pages (null until known), kept current as the permission changes. */
export function useOverlayAccess(): [boolean | null, (granted: boolean) => void] {
  const [granted, setGranted] = useState<boolean | null>(null);
  useEffect(() => {
    const check = () => void browser.permissions.contains(OVERLAY_ORIGINS).then(setGranted, () => setGranted(false));
    check();
    browser.permissions.onAdded.addListener(check);
    browser.permissions.onRemoved.addListener(check);
    return () => {
      browser.permissions.onAdded.removeListener(check);
      browser.permissions.onRemoved.removeListener(check);
    };
  }, []);
  return [granted, setGranted];
}

export function OverlayAccess() {
  const [granted, setGranted] = useOverlayAccess();
  if (granted !== false) return null;
  return (
    <section class="overlay-access" aria-labelledby="overlay-access-text">
      <p id="overlay-access-text">{t('overlayAccessExplain')}</p>
      <button
        id="allow-overlay"
        // Must run straight from the click: browsers only ask for permissions inside a user gesture.
        onClick={() => void browser.permissions.request(OVERLAY_ORIGINS).then(setGranted, () => setGranted(false))}
      >
        {t('overlayAccessAllow')}
      </button>
    </section>
  );
}
