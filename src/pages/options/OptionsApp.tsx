// The options page: every setting, generated from the field table and the schema, saved live; plus overlay access, history and backup.
import { useEffect } from 'preact/hooks';
import { SETTING_CHOICES, SETTING_RANGES, type SettingKey, type Settings } from '../../core/settings';
import { t } from '../../platform/i18n';
import { Backup } from './Backup';
import { ChoiceField, NumberField, SwitchField } from './controls';
import { BreakPreview, ExercisePicker, routineSummary } from './ExercisePicker';
import { FIELD_CONTROLS, SECTIONS, type SectionId } from './fields';
import { HistoryPanel } from './HistoryPanel';
import { OverlaySwitch } from './OverlaySwitch';
import { ShortcutKey } from '../../ui/ShortcutKey';
import { useSettingsStore, type SaveStatus, type SettingsStore } from './useSettingsStore';
import { WorkingHoursEditor } from './WorkingHoursEditor';

function statusText(status: SaveStatus): string {
  switch (status.kind) {
    case 'idle':
      return '';
    case 'saving':
      return t('optStatusSaving');
    case 'saved':
      return t('optStatusSaved');
    case 'imported':
      return t('optStatusImported');
    case 'reset':
      return t('optStatusReset');
    case 'failed':
      return t('optStatusFailed', [status.reason]);
  }
}

/** The control the field table asks for, for one setting. */
function Field({ name, store, settings }: { name: SettingKey; store: SettingsStore; settings: Settings }) {
  const control = FIELD_CONTROLS[name];
  const error = store.errors[name];
  const label = t(control.labelKey);
  const hint = 'hintKey' in control && control.hintKey ? t(control.hintKey) : undefined;
  switch (control.kind) {
    case 'number': {
      const [min, max] = SETTING_RANGES[name as keyof typeof SETTING_RANGES];
      return (
        <NumberField
          name={name}
          label={label}
          hint={hint}
          value={settings[name] as number}
          min={min}
          max={max}
          error={error}
          onChange={(value) => store.change({ [name]: value })}
        />
      );
    }
    case 'switch':
      return (
        <SwitchField
          name={name}
          label={label}
          hint={hint}
          checked={settings[name] as boolean}
          error={error}
          onChange={(checked) => store.change({ [name]: checked }, { immediate: true })}
        />
      );
    case 'choice': {
      const choices = SETTING_CHOICES[name as keyof typeof SETTING_CHOICES] as readonly string[];
      return (
        <ChoiceField
          name={name}
          legend={label}
          value={settings[name] as string}
          error={error}
          options={choices.map((value) => ({
            value,
            label: t(control.optionKeys[value] ?? value),
            description: name === 'routine' ? routineSummary(value as Settings['routine']) : undefined,
          }))}
          onChange={(value) => store.change({ [name]: value }, { immediate: true })}
        />
      );
    }
    case 'custom':
      if (name === 'workingHours') {
        return (
          <WorkingHoursEditor
            hours={settings.workingHours}
            errors={store.errors}
            onChange={(patch) => store.change({ workingHours: patch }, { immediate: true })}
          />
        );
      }
      return (
        <ExercisePicker
          disabled={settings.disabledExercises}
          error={error}
          onChange={(disabled) => store.change({ disabledExercises: disabled }, { immediate: true })}
        />
      );
  }
}

function fieldsOf(section: SectionId): SettingKey[] {
  return (Object.keys(FIELD_CONTROLS) as SettingKey[]).filter((key) => FIELD_CONTROLS[key].section === section);
}

export function OptionsApp() {
  const store = useSettingsStore();
  const { settings } = store;

  useEffect(() => {
    document.title = t('optPageTitle');
    document.documentElement.lang = t('optLangCode');
  }, []);
  useEffect(() => {
    if (settings) document.documentElement.dataset.theme = settings.theme;
  }, [settings?.theme]);

  if (!settings) return <main aria-busy="true" />;
  return (
    <>
      <header class="options-header">
        <h1>{t('optPageTitle')}</h1>
        <p id="save-status" class={`save-status ${store.status.kind}`} role="status" aria-live="polite">
          {statusText(store.status)}
        </p>
      </header>
      <main class="options">
        {SECTIONS.map((section) => (
          <section key={section.id} id={`section-${section.id}`} aria-labelledby={`heading-${section.id}`}>
            <h2 id={`heading-${section.id}`}>{t(section.headingKey)}</h2>
            {fieldsOf(section.id).map((name) => (
              <Field key={name} name={name} store={store} settings={settings} />
            ))}
            {section.id === 'routine' && (
              <BreakPreview
                routine={settings.routine}
                breakSeconds={settings.breakSeconds}
                disabled={settings.disabledExercises}
                rotate={settings.routineRotation === 'rotate'}
              />
            )}
          </section>
        ))}
        <section id="section-overlay" aria-labelledby="heading-overlay">
          <h2 id="heading-overlay">{t('optSectionOverlay')}</h2>
          <OverlaySwitch />
        </section>
        <section id="section-shortcut" aria-labelledby="heading-shortcut">
          <h2 id="heading-shortcut">{t('optSectionShortcut')}</h2>
          <ShortcutKey />
        </section>
        {/* History: owned by HistoryPanel (its own heading and controls). */}
        <section id="history" aria-labelledby="history-heading">
          <HistoryPanel />
        </section>
        <section id="section-backup" aria-labelledby="heading-backup">
          <h2 id="heading-backup">{t('optSectionBackup')}</h2>
          <Backup settings={settings} onReplace={store.replace} />
        </section>
      </main>
    </>
  );
}
