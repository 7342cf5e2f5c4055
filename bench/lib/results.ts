// What the bench records: one row per figure and browser, with its goal, plus the raw details.

import type { Summary } from './stats';

export interface Row {
  figure: string;
  browser: 'chromium' | 'firefox' | 'core' | 'package';
  metric: string;
  unit: string;
  /** A single deterministic value, or a summary of samples. */
  value?: number;
  summary?: Summary;
  goal?: string;
  /** Whether the figure meets its goal; undefined when it has none or could not be measured. */
  meetsGoal?: boolean;
  note?: string;
}

export interface Results {
  date: string;
  quick: boolean;
  machine: { cpuModel: string; cores: number; memoryGb: number; loadAverage: number[]; platform: string; node: string };
  browsers: Record<string, string>;
  extensionDir: string;
  rows: Row[];
  details: Record<string, unknown>;
  errors: { figure: string; browser: string; message: string }[];
}
