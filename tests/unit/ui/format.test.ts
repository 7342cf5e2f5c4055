// Dates, times, numbers and durations in the UI language through Intl (issue 19 item 3), for each
// of the ten target languages (Node's full ICU has them all), and the week's first day per locale.
import { describe, expect, it } from 'vitest';
import { firstDayFallback, firstDayOfWeek, textDirection, weekOrder } from '../../../src/core/rules/locale';
import { formatClockTime, formatCountdown, formatDay, formatDuration } from '../../../src/ui/format';

/** Intl separates some parts with no-break spaces; what matters here is the words and their order. */
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

const SAT_5_DEC_2026_14_07 = new Date(2026, 11, 5, 14, 7).getTime();
const TWO_HOURS_FIVE_MIN = (2 * 60 + 5) * 60_000;
const LONG_DAY: Intl.DateTimeFormatOptions = { weekday: 'short', year: 'numeric', month: 'short', day: 'numeric' };

/** [tag, a date, a time, a duration of 2 h 5 min, 45 min, the first day of the week (0 = Sunday)] */
const TARGETS: [string, string, string, string, string, number][] = [
  ['en', 'Sat, Dec 5, 2026', '02:07 PM', '2 hr 5 min', '45 min', 0],
  ['de', 'Sa., 5. Dez. 2026', '14:07', '2 Std., 5 Min.', '45 Min.', 1],
  ['es', 'sáb, 5 dic 2026', '14:07', '2 h 5 min', '45 min', 1],
  ['fr', 'sam. 5 déc. 2026', '14:07', '2 h 5 min', '45 min', 1],
  ['it', 'sab 5 dic 2026', '14:07', '2 h 5 min', '45 min', 1],
  ['pt-BR', 'sáb., 5 de dez. de 2026', '14:07', '2 h 5 min', '45 min', 0],
  ['ru', 'сб, 5 дек. 2026 г.', '14:07', '2 ч 5 мин', '45 мин', 1],
  ['pl', 'sob., 5 gru 2026', '14:07', '2 godz. i 5 min', '45 min', 1],
  ['ja', '2026年12月5日(土)', '14:07', '2 時間5 分', '45 分', 0],
  ['zh-CN', '2026年12月5日周六', '14:07', '2小时5分钟', '45分钟', 1],
];

describe.each(TARGETS)('%s', (tag, date, time, duration, minutes, firstDay) => {
  it('writes a date, a time and durations the way the language does', () => {
    expect(plain(formatDay('2026-12-05', LONG_DAY, tag))).toBe(date);
    expect(plain(formatClockTime(SAT_5_DEC_2026_14_07, tag))).toBe(time);
    expect(plain(formatDuration(TWO_HOURS_FIVE_MIN, tag))).toBe(duration);
    expect(plain(formatDuration(45 * 60_000 + 59_000, tag))).toBe(minutes);
  });

  it('starts the week on its own first day, with or without Intl.Locale week info', () => {
    expect(firstDayOfWeek(tag)).toBe(firstDay);
    // Firefox ESR before getWeekInfo answers from the table: it must agree with CLDR.
    expect(firstDayFallback(tag)).toBe(firstDay);
    expect(weekOrder(tag)[0]).toBe(firstDay);
    expect([...weekOrder(tag)].sort()).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('runs left to right', () => {
    expect(textDirection(tag)).toBe('ltr');
  });
});

describe('countdown', () => {
  it('keeps m:ss / h:mm:ss with the language’s digits', () => {
    expect(formatCountdown(4 * 60_000 + 59_500, 'de')).toBe('5:00');
    expect(formatCountdown(65_000, 'en')).toBe('1:05');
    expect(formatCountdown(3_600_000 + 5_000, 'ja')).toBe('1:00:05');
    expect(formatCountdown(65_000, 'ar-EG')).toBe('١:٠٥');
  });
});

describe('text direction', () => {
  it('is right to left for Arabic, Hebrew, Persian and Urdu, whatever the region', () => {
    for (const tag of ['ar', 'ar-EG', 'ar-XB', 'he', 'he-IL', 'iw', 'fa-IR', 'ur']) expect([tag, textDirection(tag)]).toEqual([tag, 'rtl']);
    for (const tag of ['', 'und', 'x-pseudo', 'en-XA']) expect([tag, textDirection(tag)]).toEqual([tag, 'ltr']);
  });
});
