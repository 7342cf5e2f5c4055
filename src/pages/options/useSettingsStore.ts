// The options page's copy of the settings: validates every change against the schema, saves valid ones to storage.sync, follows changes made elsewhere.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { browser } from '../../platform/browser';
import { readSettings, validateSettingsPatch, type SettingErrors, type Settings } from '../../core/rules/settings-schema';
import { SETTINGS_KEY } from '../../core/contracts/storage-keys';
import { saveSettings } from '../../ui/save-settings';

export type SaveStatus =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved' }
  | { kind: 'imported' }
  | { kind: 'reset' }
  | { kind: 'failed'; reason: string };

/**
 * Typing "45" is two edits; waiting this long after the last one keeps well within storage.sync's
 * write limits (120 a minute) while still feeling immediate.
 */
const SAVE_DELAY_MS = 400;

export interface SettingsStore {
  settings: Settings | null;
  errors: SettingErrors;
  status: SaveStatus;
  /** Validates `patch` against the current settings; saves it if valid, else shows its errors. True if valid. */
  change(patch: Partial<Settings> | Record<string, unknown>, options?: { immediate?: boolean }): boolean;
  /** Replaces every setting at once (import, reset) and saves at once. */
  replace(settings: Settings, status: 'imported' | 'reset'): void;
}

/** Drops the errors of the top-level settings a patch touches (`workingHours` clears `workingHours.days` too). */
function withoutErrorsOf(errors: SettingErrors, keys: string[]): SettingErrors {
  return Object.fromEntries(Object.entries(errors).filter(([path]) => !keys.some((key) => path === key || path.startsWith(`${key}.`))));
}

export function useSettingsStore(): SettingsStore {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [errors, setErrors] = useState<SettingErrors>({});
  const [status, setStatus] = useState<SaveStatus>({ kind: 'idle' });
  const latest = useRef<Settings | null>(null);
  /** What storage holds, as far as this page knows. */
  const persisted = useRef<Settings | null>(null);
  const saveTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const show = useCallback((next: Settings) => {
    latest.current = next;
    setSettings(next);
  }, []);

  const write = useCallback((done: SaveStatus) => {
    clearTimeout(saveTimer.current);
    saveTimer.current = undefined;
    const toSave = latest.current;
    if (!toSave) return;
    setStatus({ kind: 'saving' });
    saveSettings(toSave).then(
      () => {
        persisted.current = toSave;
        setStatus(done);
      },
      (error: unknown) => setStatus({ kind: 'failed', reason: error instanceof Error ? error.message : String(error) }),
    );
  }, []);

  useEffect(() => {
    void browser.storage.sync
      .get(SETTINGS_KEY)
      .catch(() => ({}) as Record<string, unknown>)
      .then((stored) => {
        persisted.current = readSettings(stored[SETTINGS_KEY]);
        show(persisted.current);
      });
    const onChanged = (changes: Record<string, { newValue?: unknown }>, area: string) => {
      // While our own edit waits to be saved, it is the newer one.
      if (area !== 'sync' || !(SETTINGS_KEY in changes) || saveTimer.current !== undefined) return;
      const next = readSettings(changes[SETTINGS_KEY]?.newValue);
      persisted.current = next;
      if (JSON.stringify(next) !== JSON.stringify(latest.current)) show(next);
    };
    browser.storage.onChanged.addListener(onChanged);
    return () => {
      browser.storage.onChanged.removeListener(onChanged);
      // Closing the page right after an edit still saves it.
      if (saveTimer.current !== undefined) write({ kind: 'saved' });
    };
  }, [show, write]);

  const change = useCallback<SettingsStore['change']>(
    (patch, options) => {
      const current = latest.current;
      if (!current) return false;
      const result = validateSettingsPatch(current, patch);
      const touched = Object.keys(patch);
      setErrors((previous) => (result.ok ? withoutErrorsOf(previous, touched) : { ...withoutErrorsOf(previous, touched), ...result.errors }));
      if (!result.ok) {
        // "5" then "50" then "500": the field's last valid keystroke is no value the user chose, so it is not saved either.
        const saved = persisted.current;
        if (saved && saveTimer.current !== undefined) {
          const reverted = { ...current } as Record<string, unknown>;
          for (const key of touched) if (key in saved) reverted[key] = structuredClone(saved[key as keyof Settings]);
          show(reverted as Settings);
        }
        return false;
      }
      show(result.settings);
      clearTimeout(saveTimer.current);
      if (options?.immediate) write({ kind: 'saved' });
      else saveTimer.current = setTimeout(() => write({ kind: 'saved' }), SAVE_DELAY_MS);
      return true;
    },
    [show, write],
  );

  const replace = useCallback<SettingsStore['replace']>(
    (next, done) => {
      setErrors({});
      show(next);
      write({ kind: done });
    },
    [show, write],
  );

  return { settings, errors, status, change, replace };
}
