// Lint: typescript-eslint's recommended type-aware rules, plus the project's own guard rails.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.tmp/**', 'bench/results*'] },
  ...tseslint.configs.recommended,
  {
    files: ['src/**/*.{ts,tsx}'],
    rules: {
      // App code uses the promise-based `browser.*` from webextension-polyfill, never `chrome.*`.
      'no-restricted-globals': ['error', { name: 'chrome', message: 'Use browser.* from webextension-polyfill.' }],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      // The core is pure: no browser API, no clock of its own.
      'no-restricted-imports': ['error', { patterns: ['webextension-polyfill', '../background/*', '../pages/*', '../ui/*'] }],
      'no-restricted-properties': ['error', { object: 'Date', property: 'now', message: 'The core takes time as an argument.' }],
      'no-restricted-globals': [
        'error',
        { name: 'chrome', message: 'The core imports no browser API.' },
        { name: 'browser', message: 'The core imports no browser API.' },
        { name: 'setTimeout', message: 'The core keeps no timers.' },
        { name: 'setInterval', message: 'The core keeps no timers.' },
      ],
    },
  },
  {
    files: ['src/background/**/*.ts'],
    rules: {
      // Timers die with the worker; anything that must outlive it goes through alarms.
      'no-restricted-globals': [
        'error',
        { name: 'chrome', message: 'Use browser.* from webextension-polyfill.' },
        { name: 'setInterval', message: 'Use browser.alarms: the worker may be stopped at any moment.' },
        { name: 'setTimeout', message: 'Use browser.alarms: the worker may be stopped at any moment.' },
      ],
      // The worker uses the browser's own promise API through ./browser (see there why); the
      // polyfill and valibot would triple its size. Type imports cost nothing and stay allowed.
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'webextension-polyfill', message: "Import browser from './browser'.", allowTypeImports: true },
            { name: 'valibot', message: 'The worker reads settings with src/core/settings-rules.', allowTypeImports: true },
          ],
          patterns: [
            { group: ['**/ui/*'], message: 'Page code would pull the polyfill into the worker.', allowTypeImports: true },
            { group: ['**/core/settings', '**/core/history-io'], message: 'Page-side checks (valibot, file import) stay out of the worker.', allowTypeImports: true },
          ],
        },
      ],
    },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
);
