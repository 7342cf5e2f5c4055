// The options page: every setting, generated from the field table and the schema, saved live; plus overlay access, history and backup.
// A list of the sections to jump to and a filter by the settings' labels help find a setting on the long page.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { SETTING_CHOICES, SETTING_RANGES, type SettingKey, type Settings } from '../../core/rules/settings-schema';
import type { FilterResult } from '../../core/rules/settings-search';
import { t } from '../../platform/i18n';
import { Backup } from './Backup';
import { ChoiceField, NumberField, SwitchField } from './controls';
import { BreakPreview, ExercisePicker, routineSummary } from './ExercisePicker';
import { FIELD_CONTROLS, SECTIONS, type SectionId } from './fields';
import { HistoryPanel } from './HistoryPanel';
import { MeetingsSwitch } from './MeetingsSwitch';
import { OverlaySwitch } from './OverlaySwitch';
import { SectionNav, type NavSection } from './SectionNav';
import { FilterItem, SettingsFilter, useSettingsFilter } from './SettingsFilter';
import './options-layout.css';
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
            label: control.optionKeys[value] ? t(control.optionKeys[value]) : value,
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

/** Every section of the page in order, for the list to jump to: the settings', then overlay access, history, backup. */
const PAGE_SECTIONS: readonly NavSection[] = [
  ...SECTIONS.map((section) => ({ id: `section-${section.id}`, headingKey: section.headingKey })),
  { id: 'section-overlay', headingKey: 'optSectionOverlay' },
  { id: 'section-shortcut', headingKey: 'optSectionShortcut' },
  { id: 'history', headingKey: 'historyHeading' },
  { id: 'section-backup', headingKey: 'optSectionBackup' },
];

/** Keeps --header-height on the page at the sticky header's height: a jump lands below it, the section list sticks under it. */
function useHeaderHeight(rendered: boolean) {
  const header = useRef<HTMLElement>(null);
  useEffect(() => {
    const element = header.current;
    if (!element) return;
    const observer = new ResizeObserver(() => document.documentElement.style.setProperty('--header-height', `${element.offsetHeight}px`));
    observer.observe(element);
    return () => observer.disconnect();
  }, [rendered]);
  return header;
}

/** A section of the page; hidden while the filter leaves nothing in it. */
function PageSection(props: { id: string; headingId: string; filter: FilterResult | null; children: ComponentChildren }) {
  return (
    <section id={props.id} aria-labelledby={props.headingId} data-filter-section={props.id} hidden={props.filter ? !props.filter.sections.has(props.id) : false}>
      {props.children}
    </section>
  );
}

export function OptionsApp() {
  const store = useSettingsStore();
  const { settings } = store;
  const [query, setQuery] = useState('');
  const main = useRef<HTMLElement>(null);
  const filter = useSettingsFilter(main, query);
  const header = useHeaderHeight(settings !== null);

  useEffect(() => {
    document.title = t('optPageTitle');
  }, []);
  useEffect(() => {
    if (settings) document.documentElement.dataset.theme = settings.theme;
  }, [settings?.theme]);

  if (!settings) return <main aria-busy="true" />;
  return (
    <>
      <header class="options-header" ref={header}>
        <h1>{t('optPageTitle')}</h1>
        <p id="save-status" class={`save-status ${store.status.kind}`} role="status" aria-live="polite">
          {statusText(store.status)}
        </p>
        <SettingsFilter query={query} result={filter} onQuery={setQuery} />
      </header>
      <div class="options-layout">
        <SectionNav sections={PAGE_SECTIONS} shown={filter?.sections ?? null} />
        <main class="options" ref={main}>
          {SECTIONS.map((section) => (
            <PageSection key={section.id} id={`section-${section.id}`} headingId={`heading-${section.id}`} filter={filter}>
              <h2 id={`heading-${section.id}`}>{t(section.headingKey)}</h2>
              {fieldsOf(section.id).map((name) => (
                <FilterItem key={name} id={name} result={filter}>
                  <Field name={name} store={store} settings={settings} />
                </FilterItem>
              ))}
              {section.id === 'detection' && (
                <FilterItem id="meetings" result={filter}>
                  <MeetingsSwitch />
                </FilterItem>
              )}
              {section.id === 'routine' && (
                <FilterItem id="breakPreview" result={filter}>
                  <BreakPreview
                    routine={settings.routine}
                    breakSeconds={settings.breakSeconds}
                    disabled={settings.disabledExercises}
                    rotate={settings.routineRotation === 'rotate'}
                  />
                </FilterItem>
              )}
            </PageSection>
          ))}
          <PageSection id="section-overlay" headingId="heading-overlay" filter={filter}>
            <h2 id="heading-overlay">{t('optSectionOverlay')}</h2>
            <FilterItem id="overlay" result={filter}>
              <OverlaySwitch />
            </FilterItem>
          </PageSection>
          <PageSection id="section-shortcut" headingId="heading-shortcut" filter={filter}>
            <h2 id="heading-shortcut">{t('optSectionShortcut')}</h2>
            <FilterItem id="shortcut" result={filter}>
              <ShortcutKey />
            </FilterItem>
          </PageSection>
          {/* History: owned by HistoryPanel (its own heading and controls); the filter shows or hides it whole. */}
          <PageSection id="history" headingId="history-heading" filter={filter}>
            <FilterItem id="history" result={filter}>
              <HistoryPanel />
            </FilterItem>
          </PageSection>
          <PageSection id="section-backup" headingId="heading-backup" filter={filter}>
            <h2 id="heading-backup">{t('optSectionBackup')}</h2>
            <FilterItem id="backup" result={filter}>
              <Backup settings={settings} onReplace={store.replace} />
            </FilterItem>
          </PageSection>
        </main>
      </div>
    </>
  );
}
