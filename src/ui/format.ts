// Durations, clock times and countdowns as the user reads them, in the UI language through Intl.
// Each function takes the language tag last (default: the UI language) so tests can name one.
import { uiLocale } from '../platform/i18n';

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat | Intl.ListFormat>();
function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat | Intl.ListFormat>(key: string, make: () => T): T {
  let format = cache.get(key) as T | undefined;
  if (!format) {
    format = make();
    cache.set(key, format);
  }
  return format;
}

const unit = (tag: string, name: 'hour' | 'minute', value: number): string =>
  cached(`unit:${tag}:${name}`, () => new Intl.NumberFormat(tag, { style: 'unit', unit: name, unitDisplay: 'short' })).format(value);

/** Whole minutes, with hours once there are any: "2 hr, 5 min" / "2 Std., 5 Min." / "2時間5分". */
export function formatDuration(ms: number, tag = uiLocale()): string {
  const totalMinutes = Math.floor(Math.max(0, ms) / 60_000);
  const hours = Math.floor(totalMinutes / 60);
  const minutes = totalMinutes % 60;
  if (hours === 0) return unit(tag, 'minute', minutes);
  // Intl.DurationFormat would say this in one call but is missing from Firefox ESR and Node 20;
  // a narrow unit list joins the two the way the language writes a duration.
  const list = cached(`list:${tag}`, () => new Intl.ListFormat(tag, { type: 'unit', style: 'narrow' }));
  return list.format([unit(tag, 'hour', hours), unit(tag, 'minute', minutes)]);
}

/** `m:ss` (or `h:mm:ss`) for a live countdown, with the language's digits. */
export function formatCountdown(ms: number, tag = uiLocale()): string {
  const totalSeconds = Math.ceil(Math.max(0, ms) / 1000);
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  const digits = (width: number) => cached(`digits:${tag}:${width}`, () => new Intl.NumberFormat(tag, { minimumIntegerDigits: width, useGrouping: false }));
  const mm = digits(hours > 0 ? 2 : 1).format(minutes);
  return `${hours > 0 ? `${digits(1).format(hours)}:` : ''}${mm}:${digits(2).format(seconds)}`;
}

/** A time of day, hours and minutes, as the UI language shows it (12- or 24-hour). */
export function formatClockTime(epochMs: number, tag = uiLocale()): string {
  return cached(`time:${tag}`, () => new Intl.DateTimeFormat(tag, { hour: '2-digit', minute: '2-digit' })).format(epochMs);
}

/** A calendar day (`YYYY-MM-DD`, local) in the UI language. */
export function formatDay(dayKey: string, options: Intl.DateTimeFormatOptions, tag = uiLocale()): string {
  const [y, m, d] = dayKey.split('-').map(Number) as [number, number, number];
  return cached(`day:${tag}:${JSON.stringify(options)}`, () => new Intl.DateTimeFormat(tag, options)).format(new Date(y, m - 1, d));
}
