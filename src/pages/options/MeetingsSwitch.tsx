// "Recognise web meetings" as an on/off switch in Detection: the explanation stands beside it, read before the browser asks.
import { useState } from 'preact/hooks';
import { t } from '../../platform/i18n';
import { recogniseMeetings, stopRecognisingMeetings, useMeetingsRecognition } from '../../ui/MeetingsAccess';

export function MeetingsSwitch() {
  const [on, setOn] = useMeetingsRecognition();
  const [failure, setFailure] = useState<string | null>(null);

  const onClick = (event: Event) => {
    const input = event.currentTarget as HTMLInputElement;
    const wanted = input.checked;
    // Shown as it was until the browser answers: the switch must not claim access it doesn't have.
    input.checked = on === true;
    setFailure(null);
    const answer = wanted ? recogniseMeetings() : stopRecognisingMeetings().then(() => false);
    answer.then(setOn, (error: unknown) => setFailure(error instanceof Error ? error.message : String(error)));
  };

  return (
    <div class="field switch-field" data-permission="meetings">
      <input
        id="field-meetings"
        type="checkbox"
        role="switch"
        checked={on === true}
        disabled={on === null}
        aria-describedby={failure ? 'field-meetings-hint field-meetings-error' : 'field-meetings-hint'}
        onClick={onClick}
      />
      <label for="field-meetings">{t('optMeetings')}</label>
      <p id="field-meetings-hint" class="hint">
        {t('optMeetingsHint')}
      </p>
      {failure && (
        <p id="field-meetings-error" class="field-error">
          {t('optOverlayFailed', [failure])}
        </p>
      )}
    </div>
  );
}
