// The welcome page: what Unhunch does, breaks over pages (optional permission), interval and routine, safety note, tip.
import { useEffect, useState } from 'preact/hooks';
import { browser } from '../../platform/browser';
import type { MessageKey } from '../../core/contracts/message-keys';
import type { RoutineId } from '../../core/rules/routines';
import { readSettings, validateSettingsPatch, type Settings } from '../../core/rules/settings-schema';
import { SETTINGS_KEY } from '../../core/contracts/storage-keys';
import { t, tPlural } from '../../platform/i18n';
import { OVERLAY_ORIGINS } from '../../ui/OverlayAccess';
import { saveSettings } from '../../ui/save-settings';

export const INTERVAL_CHOICES_MINUTES = [20, 30, 45, 60] as const;
const ROUTINE_CHOICES: ReadonlyArray<{ id: RoutineId; name: MessageKey; hint: MessageKey }> = [
  { id: 'desk', name: 'welcomeRoutineDesk', hint: 'welcomeRoutineDeskHint' },
  { id: 'floor', name: 'welcomeRoutineFloor', hint: 'welcomeRoutineFloorHint' },
];

type Choices = Pick<Settings, 'workMinutes' | 'routine'>;

/** Checks the choice by the same rules as the options page, then stores the settings with it. */
async function saveChoice(patch: Partial<Choices>): Promise<void> {
  const stored = (await browser.storage.sync.get(SETTINGS_KEY))[SETTINGS_KEY];
  const result = validateSettingsPatch(readSettings(stored), patch);
  if (!result.ok) throw new Error(`refused: ${Object.keys(result.errors).join(', ')}`);
  await saveSettings(result.settings);
}

function OverlayChoice() {
  // 'asked-denied' only after the user answered: before, not having access is just the start.
  const [access, setAccess] = useState<'checking' | 'granted' | 'not-granted' | 'denied'>('checking');
  useEffect(() => {
    void browser.permissions.contains(OVERLAY_ORIGINS).then((granted) => setAccess(granted ? 'granted' : 'not-granted'));
  }, []);
  const request = () => {
    // Called straight from the click: browsers grant permissions only inside a user gesture.
    browser.permissions.request(OVERLAY_ORIGINS).then(
      (granted) => setAccess(granted ? 'granted' : 'denied'),
      () => setAccess('denied'),
    );
  };
  return (
    <section aria-labelledby="overlay-heading" class="welcome-card">
      <h2 id="overlay-heading">{t('welcomeOverlayHeading')}</h2>
      <p>{t('welcomeOverlayExplain')}</p>
      {access !== 'granted' && access !== 'checking' && (
        <button type="button" class="primary" id="welcome-allow-overlay" onClick={request}>
          {t('welcomeOverlayAllow')}
        </button>
      )}
      <p role="status" data-testid="overlay-state" data-state={access} class={`overlay-state overlay-${access}`}>
        {access === 'granted' ? t('welcomeOverlayGranted') : access === 'denied' ? t('welcomeOverlayDenied') : ''}
      </p>
    </section>
  );
}

function ScheduleChoices() {
  const [choices, setChoices] = useState<Choices | null>(null);
  const [saveState, setSaveState] = useState<'idle' | 'saved' | 'failed'>('idle');
  useEffect(() => {
    void browser.storage.sync.get(SETTINGS_KEY).then((stored) => {
      const { workMinutes, routine } = readSettings(stored[SETTINGS_KEY]);
      setChoices({ workMinutes, routine });
    });
  }, []);
  if (!choices) return <section class="welcome-card" aria-busy="true" />;

  const choose = (patch: Partial<Choices>) => {
    setChoices({ ...choices, ...patch });
    setSaveState('idle');
    saveChoice(patch).then(
      () => setSaveState('saved'),
      () => setSaveState('failed'),
    );
  };

  return (
    <section class="welcome-card welcome-choices">
      <fieldset>
        <legend>{t('welcomeIntervalLegend')}</legend>
        <div class="choice-row">
          {INTERVAL_CHOICES_MINUTES.map((minutes) => (
            <label key={minutes} class="choice">
              <input
                type="radio"
                name="interval"
                value={minutes}
                checked={choices.workMinutes === minutes}
                onChange={() => choose({ workMinutes: minutes })}
              />
              <span>{tPlural('welcomeIntervalOption', minutes)}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend>{t('welcomeRoutineLegend')}</legend>
        <div class="choice-column">
          {ROUTINE_CHOICES.map(({ id, name, hint }) => (
            <label key={id} class="choice">
              <input
                type="radio"
                name="routine"
                value={id}
                checked={choices.routine === id}
                aria-describedby={`routine-${id}-hint`}
                onChange={() => choose({ routine: id })}
              />
              <span>
                <strong>{t(name)}</strong>
                <span id={`routine-${id}-hint`} class="hint">
                  {t(hint)}
                </span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      <p role="status" class={saveState === 'failed' ? 'save-failed' : 'save-ok'} data-testid="save-state">
        {saveState === 'saved' ? t('welcomeSaved') : saveState === 'failed' ? t('welcomeSaveFailed') : ''}
      </p>
    </section>
  );
}

async function closeThisTab(): Promise<void> {
  const tab = await browser.tabs.getCurrent().catch(() => undefined);
  if (tab?.id !== undefined) await browser.tabs.remove(tab.id);
  else window.close();
}

export function WelcomeApp() {
  useEffect(() => {
    document.title = t('welcomeTitle');
  }, []);
  return (
    <main class="welcome">
      <header>
        <img src="/icons/icon-128.png" alt="" width={64} height={64} />
        <h1>{t('welcomeTitle')}</h1>
      </header>
      <p class="welcome-intro">{t('welcomeIntro')}</p>
      <OverlayChoice />
      <ScheduleChoices />
      <section aria-labelledby="safety-heading" class="welcome-card welcome-safety">
        <h2 id="safety-heading">{t('welcomeSafetyHeading')}</h2>
        <p>{t('welcomeSafety')}</p>
      </section>
      <section aria-labelledby="tip-heading" class="welcome-card">
        <h2 id="tip-heading">{t('welcomeTipHeading')}</h2>
        <p>{t('welcomeTip')}</p>
      </section>
      <footer>
        <button type="button" class="primary" onClick={() => void closeThisTab()}>
          {t('welcomeDone')}
        </button>
        <p class="hint">{t('welcomeDoneHint')}</p>
      </footer>
    </main>
  );
}
