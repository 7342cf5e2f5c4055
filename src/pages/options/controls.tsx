// The generic form controls the field table asks for: a whole number, an on/off switch, one of a few choices.
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { SettingMessage } from '../../core/rules/settings-schema';
import { formatCount, t } from '../../platform/i18n';

/** The message beside a field; its id is what the control's aria-describedby points at. */
export function FieldError({ id, error }: { id: string; error: SettingMessage | undefined }) {
  if (!error) return null;
  return (
    <p id={id} class="field-error">
      {t(error.key, error.params)}
    </p>
  );
}

export function describedBy(...ids: Array<string | false | undefined>): string | undefined {
  const list = ids.filter(Boolean).join(' ');
  return list || undefined;
}

export function NumberField(props: {
  name: string;
  label: string;
  hint?: string;
  value: number;
  min: number;
  max: number;
  error: SettingMessage | undefined;
  onChange: (value: number) => void;
}) {
  const { name, value, error } = props;
  // What the user typed, kept while it is being edited or is invalid, so a bad value stays visible beside its message.
  const [draft, setDraft] = useState<string | null>(null);
  const id = `field-${name}`;
  return (
    <div class="field" data-setting={name}>
      <label for={id}>{props.label}</label>
      <input
        id={id}
        name={name}
        type="number"
        inputMode="numeric"
        min={props.min}
        max={props.max}
        step={1}
        value={draft ?? String(value)}
        aria-invalid={error ? 'true' : 'false'}
        aria-describedby={describedBy(`${id}-hint`, error && `${id}-error`)}
        onInput={(event) => {
          const raw = event.currentTarget.value;
          setDraft(raw);
          props.onChange(raw.trim() === '' ? Number.NaN : Number(raw));
        }}
        onBlur={() => {
          if (!error) setDraft(null);
        }}
      />
      <p id={`${id}-hint`} class="hint">
        {t('optRangeHint', [formatCount(props.min), formatCount(props.max)])}
        {props.hint ? ` ${props.hint}` : ''}
      </p>
      <FieldError id={`${id}-error`} error={error} />
    </div>
  );
}

export function SwitchField(props: {
  name: string;
  label: string;
  hint?: string;
  checked: boolean;
  error?: SettingMessage | undefined;
  onChange: (checked: boolean) => void;
}) {
  const id = `field-${props.name}`;
  return (
    <div class="field switch-field" data-setting={props.name}>
      <input
        id={id}
        name={props.name}
        type="checkbox"
        role="switch"
        checked={props.checked}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy(props.hint && `${id}-hint`, props.error && `${id}-error`)}
        onChange={(event) => props.onChange(event.currentTarget.checked)}
      />
      <label for={id}>{props.label}</label>
      {props.hint && (
        <p id={`${id}-hint`} class="hint">
          {props.hint}
        </p>
      )}
      <FieldError id={`${id}-error`} error={props.error} />
    </div>
  );
}

export function ChoiceField<T extends string>(props: {
  name: string;
  legend: string;
  options: ReadonlyArray<{ value: T; label: string; description?: ComponentChildren }>;
  value: T;
  error: SettingMessage | undefined;
  onChange: (value: T) => void;
}) {
  const id = `field-${props.name}`;
  return (
    <fieldset
      class="field choice-field"
      data-setting={props.name}
      aria-invalid={props.error ? 'true' : undefined}
      aria-describedby={describedBy(props.error && `${id}-error`)}
    >
      <legend>{props.legend}</legend>
      {props.options.map((option) => (
        <div class="choice" key={option.value}>
          <input
            id={`${id}-${option.value}`}
            type="radio"
            name={props.name}
            value={option.value}
            checked={props.value === option.value}
            aria-describedby={option.description ? `${id}-${option.value}-description` : undefined}
            onChange={() => props.onChange(option.value)}
          />
          <label for={`${id}-${option.value}`}>{option.label}</label>
          {option.description && (
            <p class="hint" id={`${id}-${option.value}-description`}>
              {option.description}
            </p>
          )}
        </div>
      ))}
      <FieldError id={`${id}-error`} error={props.error} />
    </fieldset>
  );
}
