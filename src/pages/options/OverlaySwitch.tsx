// The optional host permission that lets breaks appear over web pages, as an on/off switch (asks on, removes off).
import { useState } from 'preact/hooks';
import { browser } from '../../platform/browser';
import { t } from '../../platform/i18n';
import { OVERLAY_ORIGINS, useOverlayAccess } from '../../ui/OverlayAccess';

export function OverlaySwitch() {
  const [granted, setGranted] = useOverlayAccess();
  const [failure, setFailure] = useState<string | null>(null);

  const onClick = (event: Event) => {
    const input = event.currentTarget as HTMLInputElement;
    const wanted = input.checked;
    // Shown as it was until the browser answers: the switch must not claim access it doesn't have.
    input.checked = granted === true;
    setFailure(null);
    // Called straight from the click: browsers grant permissions only inside a user gesture.
    const answer = wanted ? browser.permissions.request(OVERLAY_ORIGINS) : browser.permissions.remove(OVERLAY_ORIGINS).then((removed) => !removed);
    answer.then(
      (nowGranted) => setGranted(nowGranted),
      (error: unknown) => setFailure(error instanceof Error ? error.message : String(error)),
    );
  };

  return (
    <div class="field switch-field" data-permission="overlay">
      <input
        id="field-overlay"
        type="checkbox"
        role="switch"
        checked={granted === true}
        disabled={granted === null}
        aria-describedby={failure ? 'field-overlay-hint field-overlay-error' : 'field-overlay-hint'}
        onClick={onClick}
      />
      <label for="field-overlay">{t('optOverlay')}</label>
      <p id="field-overlay-hint" class="hint">
        {t(granted ? 'optOverlayOnHint' : 'optOverlayOffHint')}
      </p>
      {failure && (
        <p id="field-overlay-error" class="field-error">
          {t('optOverlayFailed', [failure])}
        </p>
      )}
    </div>
  );
}
