// The history section of the options page: 30-day charts, the streak, export, import and clearing.
import { useEffect, useRef, useState } from 'preact/hooks';
import { downloadText } from '../../ui/download';
import { browser } from '../../platform/browser';
import { HISTORY_KEY } from '../../core/contracts/storage-keys';
import { currentStreak, lastDays, localDayKey, readHistory, type DaySeriesEntry, type History } from '../../core/rules/history';
import { historyToCsv, historyToJson, IMPORT_MAX_CHARS, parseHistoryImport, tooLargeToImport, type ImportResult } from '../../core/rules/history-io';
import { formatDay, formatDuration } from '../../ui/format';
import { formatCount, t, tPlural } from '../../platform/i18n';
import { request } from '../../ui/messaging';
import './history-panel.css';

const CHART_DAYS = 30;

const SHORT_DAY: Intl.DateTimeFormatOptions = { month: 'short', day: 'numeric' };
const LONG_DAY: Intl.DateTimeFormatOptions = { weekday: 'short', year: 'numeric', month: 'short', day: 'numeric' };
const shortDay = (dayKey: string) => formatDay(dayKey, SHORT_DAY);
const longDay = (dayKey: string) => formatDay(dayKey, LONG_DAY);
const activeMinutes = (ms: number) => Math.round(ms / 60_000);

/** Up to a round number, so the top grid line reads well. */
function niceCeiling(value: number): number {
  if (value <= 5) return 5;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) if (value <= step * magnitude) return step * magnitude;
  return 10 * magnitude;
}

interface ChartProps {
  id: string;
  title: string;
  series: DaySeriesEntry[];
  value: (entry: DaySeriesEntry) => number;
  describedBy: string;
}

const CHART_WIDTH = 600;
const CHART_HEIGHT = 150;
const PLOT_LEFT = 36;
const PLOT_TOP = 10;
const PLOT_BOTTOM = 126;

function BarChart({ id, title, series, value, describedBy }: ChartProps) {
  const values = series.map(value);
  const top = niceCeiling(Math.max(...values));
  const slot = (CHART_WIDTH - PLOT_LEFT) / series.length;
  const y = (v: number) => PLOT_BOTTOM - (v / top) * (PLOT_BOTTOM - PLOT_TOP);
  const last = series.length - 1;
  const labelled = new Set([0, Math.floor(series.length / 2), last]);
  // The first and last labels are anchored at the outer edges of their bars, so a long date
  // ("Dec 31", "31. Dez.", "31 de dez.") grows into the chart instead of out of the picture.
  const labelAnchor = (i: number) => (i === 0 ? 'start' : i === last ? 'end' : 'middle');
  const labelX = (i: number, barX: number) => (i === 0 ? barX : i === last ? barX + slot * 0.7 : barX + slot * 0.35);
  return (
    <figure class="history-chart">
      <figcaption id={`${id}-title`}>{title}</figcaption>
      <svg
        viewBox={`0 0 ${CHART_WIDTH} ${CHART_HEIGHT}`}
        role="img"
        aria-labelledby={`${id}-title`}
        aria-describedby={describedBy}
        data-testid={id}
      >
        <line class="grid" x1={PLOT_LEFT} x2={CHART_WIDTH} y1={PLOT_TOP} y2={PLOT_TOP} />
        <line class="axis" x1={PLOT_LEFT} x2={CHART_WIDTH} y1={PLOT_BOTTOM} y2={PLOT_BOTTOM} />
        <text class="tick" x={PLOT_LEFT - 6} y={PLOT_TOP + 4} text-anchor="end">
          {formatCount(top)}
        </text>
        <text class="tick" x={PLOT_LEFT - 6} y={PLOT_BOTTOM + 4} text-anchor="end">
          {formatCount(0)}
        </text>
        {series.map((entry, i) => {
          const v = values[i]!;
          const x = PLOT_LEFT + i * slot + slot * 0.15;
          return (
            <g key={entry.day}>
              {v > 0 && (
                <rect class="bar" x={x} y={y(v)} width={slot * 0.7} height={PLOT_BOTTOM - y(v)} rx={2}>
                  <title>{`${longDay(entry.day)}: ${formatCount(v)}`}</title>
                </rect>
              )}
              {labelled.has(i) && (
                <text class="tick" x={labelX(i, x)} y={CHART_HEIGHT - 4} text-anchor={labelAnchor(i)}>
                  {shortDay(entry.day)}
                </text>
              )}
            </g>
          );
        })}
      </svg>
    </figure>
  );
}

function chartSummary(series: DaySeriesEntry[]): string {
  const completed = series.reduce((sum, e) => sum + e.tally.completed, 0);
  const activeMs = series.reduce((sum, e) => sum + e.tally.activeMs, 0);
  if (completed === 0 && activeMs === 0) return t('historyChartSummaryEmpty');
  const best = series.reduce((a, b) => (b.tally.completed > a.tally.completed || (b.tally.completed === a.tally.completed && b.tally.activeMs > a.tally.activeMs) ? b : a));
  return tPlural('historyChartSummary', completed, [formatCount(completed), formatDuration(activeMs), longDay(best.day)]);
}

function ImportOutcome({ result }: { result: ImportResult | 'unreadable' }) {
  if (result === 'unreadable') return <p role="alert">{t('historyImportUnreadable')}</p>;
  if (!result.ok) {
    return (
      <div role="alert" class="history-import-problems" data-testid="import-problems">
        <p>{t('historyImportFailed')}</p>
        <ul>
          {result.problems.map((problem, i) => (
            <li key={i}>{problem.count === undefined ? t(problem.key, problem.params) : tPlural(problem.key, problem.count)}</li>
          ))}
        </ul>
      </div>
    );
  }
  const { added, replaced, tooOld, firstDay, lastDay } = result.summary;
  return (
    <div role="status" data-testid="import-done">
      <p>
        {firstDay && lastDay
          ? tPlural('historyImportDone', added + replaced, [formatCount(added + replaced), longDay(firstDay), longDay(lastDay), formatCount(added), formatCount(replaced)])
          : t('historyImportNone')}
      </p>
      {tooOld > 0 && <p>{tPlural('historyImportTooOld', tooOld)}</p>}
    </div>
  );
}

export function HistoryPanel() {
  const [history, setHistory] = useState<History | null>(null);
  const [importResult, setImportResult] = useState<ImportResult | 'unreadable' | null>(null);
  const [confirmingClear, setConfirmingClear] = useState(false);
  const [cleared, setCleared] = useState(false);
  const clearButton = useRef<HTMLButtonElement>(null);
  const keepButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const load = () => void browser.storage.local.get(HISTORY_KEY).then((stored) => setHistory(readHistory(stored[HISTORY_KEY])));
    const onChanged = (changes: Record<string, unknown>, area: string) => {
      if (area === 'local' && HISTORY_KEY in changes) load();
    };
    load();
    browser.storage.onChanged.addListener(onChanged);
    return () => browser.storage.onChanged.removeListener(onChanged);
  }, []);

  const focusClearAfterConfirm = useRef(false);

  // The safe choice gets focus when the question opens; focus returns to the button after.
  useEffect(() => {
    if (confirmingClear) keepButton.current?.focus();
    else if (focusClearAfterConfirm.current) {
      focusClearAfterConfirm.current = false;
      clearButton.current?.focus();
    }
  }, [confirmingClear]);

  if (!history) return <div class="history-panel" aria-busy="true" />;

  const today = localDayKey(Date.now());
  const series = lastDays(history, today, CHART_DAYS);
  const streak = currentStreak(history, today);
  const dayCount = Object.keys(history).length;
  const stamp = today;

  const onImport = async (event: Event) => {
    const input = event.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return;
    setCleared(false);
    try {
      // Refused before it is read: a file of any size would otherwise be loaded whole first.
      if (file.size > IMPORT_MAX_CHARS) {
        setImportResult(tooLargeToImport());
        return;
      }
      const text = await file.text();
      const todayKey = localDayKey(Date.now());
      // The file is checked here, where its problems are shown; the background merges the checked
      // days in its own queue, so no break recorded meanwhile is lost.
      const parsed = parseHistoryImport(text, todayKey);
      setImportResult(parsed.ok ? ((await request({ type: 'history:import', days: parsed.days })) ?? 'unreadable') : parsed);
    } catch {
      setImportResult('unreadable');
    } finally {
      // Choosing the same file again (after fixing it) must fire another change.
      input.value = '';
    }
  };

  const closeConfirm = () => {
    focusClearAfterConfirm.current = true;
    setConfirmingClear(false);
  };

  const clear = async () => {
    await request({ type: 'history:clear' });
    setImportResult(null);
    setCleared(true);
    closeConfirm();
  };

  return (
    <div class="history-panel">
      <h2 id="history-heading">{t('historyHeading')}</h2>

      <p class="history-streak">
        <span>{t('historyStreakLabel')}: </span>
        <strong data-testid="history-streak">{tPlural('historyStreakDays', streak)}</strong>
        <span class="history-hint"> — {t('historyStreakExplain')}</span>
      </p>

      <h3>{t('historyLast30Days')}</h3>
      {dayCount === 0 && <p class="history-hint">{t('historyEmpty')}</p>}
      <p id="history-summary" data-testid="history-summary">
        {chartSummary(series)}
      </p>
      <BarChart id="chart-completed" title={t('historyChartCompleted')} series={series} value={(e) => e.tally.completed} describedBy="history-summary" />
      <BarChart id="chart-active" title={t('historyChartActive')} series={series} value={(e) => activeMinutes(e.tally.activeMs)} describedBy="history-summary" />

      <details class="history-table">
        <summary>{t('historyShowTable')}</summary>
        <table data-testid="history-table">
          <caption>{t('historyLast30Days')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('historyColDay')}</th>
              <th scope="col">{t('tallyCompleted')}</th>
              <th scope="col">{t('historyColActiveMinutes')}</th>
              <th scope="col">{t('tallySnoozed')}</th>
              <th scope="col">{t('tallySkipped')}</th>
              <th scope="col">{t('tallyNatural')}</th>
              <th scope="col">{t('historyColHeld')}</th>
            </tr>
          </thead>
          <tbody>
            {[...series].reverse().map(({ day, tally }) => (
              <tr key={day}>
                <th scope="row">{longDay(day)}</th>
                <td>{formatCount(tally.completed)}</td>
                <td>{formatCount(activeMinutes(tally.activeMs))}</td>
                <td>{formatCount(tally.snoozed)}</td>
                <td>{formatCount(tally.skipped)}</td>
                <td>{formatCount(tally.natural)}</td>
                <td>{formatCount(tally.held)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>

      <h3>{t('historyDataHeading')}</h3>
      <div class="history-actions">
        <button type="button" onClick={() => downloadText(`unhunch-history-${stamp}.csv`, 'text/csv', historyToCsv(history))}>
          {t('historyExportCsv')}
        </button>
        <button type="button" onClick={() => downloadText(`unhunch-history-${stamp}.json`, 'application/json', historyToJson(history, Date.now()))}>
          {t('historyExportJson')}
        </button>
      </div>

      <div class="history-import">
        <label for="history-import-file">{t('historyImportLabel')}</label>
        <input id="history-import-file" type="file" accept=".json,application/json" onChange={(e) => void onImport(e)} />
        <p class="history-hint">{t('historyImportRule')}</p>
        {importResult && <ImportOutcome result={importResult} />}
      </div>

      <div class="history-clear">
        {!confirmingClear ? (
          <button type="button" ref={clearButton} disabled={dayCount === 0} onClick={() => setConfirmingClear(true)}>
            {t('historyClear')}
          </button>
        ) : (
          <div
            role="group"
            aria-labelledby="history-clear-question"
            class="history-clear-confirm"
            onKeyDown={(e) => {
              if (e.key === 'Escape') closeConfirm();
            }}
          >
            <p id="history-clear-question">{tPlural('historyClearQuestion', dayCount)}</p>
            <button type="button" class="danger" onClick={() => void clear()}>
              {t('historyClearConfirm')}
            </button>
            <button type="button" ref={keepButton} onClick={closeConfirm}>
              {t('historyClearCancel')}
            </button>
          </div>
        )}
        {cleared && <p role="status">{t('historyCleared')}</p>}
      </div>
    </div>
  );
}
