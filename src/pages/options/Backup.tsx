// Settings export (a JSON file), import (validated: a bad file changes nothing and says what is wrong where) and reset to defaults.
import { useRef, useState } from 'preact/hooks';
import { downloadText } from '../../ui/download';
import type { MessageKey } from '../../core/contracts/message-keys';
import { DEFAULT_SETTINGS, importSettings, toStoredSettings, type SettingErrors, type Settings } from '../../core/rules/settings-schema';
import { formatCount, t } from '../../platform/i18n';
import { FIELD_CONTROLS, SUBFIELD_LABEL_KEYS } from './fields';

/** A settings file is a few hundred bytes; anything far larger is not one. */
const MAX_IMPORT_BYTES = 64 * 1024;

type ImportProblem = { path: string; text: string };

/** The label of a setting named in a file; own names only (a file may say `constructor`). */
function labelOfPath(path: string): string | null {
  const controls = FIELD_CONTROLS as Record<string, { labelKey: MessageKey }>;
  const key = Object.hasOwn(SUBFIELD_LABEL_KEYS, path) ? SUBFIELD_LABEL_KEYS[path] : Object.hasOwn(controls, path) ? controls[path]!.labelKey : null;
  return key ? t(key) : null;
}

function describeErrors(errors: SettingErrors): ImportProblem[] {
  return Object.entries(errors).map(([path, error]) => ({ path, text: t(error.key, error.params) }));
}

export function Backup(props: { settings: Settings; onReplace: (settings: Settings, status: 'imported' | 'reset') => void }) {
  const [problems, setProblems] = useState<ImportProblem[] | null>(null);
  const [fileName, setFileName] = useState('');
  const dialog = useRef<HTMLDialogElement>(null);

  const onFile = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    setFileName(file.name);
    if (file.size > MAX_IMPORT_BYTES) {
      setProblems([{ path: '', text: t('optImportTooLarge', [formatCount(Math.round(MAX_IMPORT_BYTES / 1024))]) }]);
      return;
    }
    let data: unknown;
    try {
      data = JSON.parse(await file.text());
    } catch (error) {
      setProblems([{ path: '', text: t('optImportNotJson', [error instanceof Error ? error.message : String(error)]) }]);
      return;
    }
    const result = importSettings(data);
    if (!result.ok) {
      setProblems(describeErrors(result.errors));
      return;
    }
    setProblems(null);
    props.onReplace(result.settings, 'imported');
  };

  return (
    <div class="backup">
      <div class="backup-actions">
        <button type="button" id="export-settings" onClick={() => downloadText('unhunch-settings.json', 'application/json', `${JSON.stringify(toStoredSettings(props.settings), null, 2)}\n`)}>
          {t('optExport')}
        </button>
        <div class="field file-import">
          <label for="import-settings">{t('optImport')}</label>
          <input
            id="import-settings"
            type="file"
            accept=".json,application/json"
            aria-describedby={problems ? 'import-problems' : undefined}
            onChange={(event) => void onFile(event.currentTarget)}
          />
        </div>
        <button type="button" id="reset-settings" class="danger" onClick={() => dialog.current?.showModal()}>
          {t('optReset')}
        </button>
      </div>
      {problems && (
        <div id="import-problems" class="import-problems" role="alert">
          <p>{t('optImportRejected', [fileName])}</p>
          <ul>
            {problems.map((problem) => {
              const label = labelOfPath(problem.path);
              return (
                <li key={problem.path}>
                  {problem.path ? (
                    <>
                      <strong>{label ?? problem.path}</strong> (<code>{problem.path}</code>):{' '}
                    </>
                  ) : null}
                  {problem.text}
                </li>
              );
            })}
          </ul>
        </div>
      )}
      <dialog ref={dialog} aria-labelledby="reset-dialog-heading" aria-describedby="reset-dialog-text" class="confirm">
        <form method="dialog">
          <h3 id="reset-dialog-heading">{t('optResetConfirmHeading')}</h3>
          <p id="reset-dialog-text">{t('optResetConfirmText')}</p>
          <div class="dialog-actions">
            <button value="cancel" autoFocus>
              {t('optCancel')}
            </button>
            <button
              value="reset"
              class="danger"
              id="confirm-reset"
              onClick={() => {
                setProblems(null);
                props.onReplace(structuredClone(DEFAULT_SETTINGS) as Settings, 'reset');
              }}
            >
              {t('optResetConfirm')}
            </button>
          </div>
        </form>
      </dialog>
    </div>
  );
}
