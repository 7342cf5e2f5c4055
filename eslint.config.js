// Lint: typescript-eslint's recommended type-aware rules, plus the project's own guard rails.
import tseslint from 'typescript-eslint';

/** The polyfill is the one accessor of the extension API: only platform/browser.ts imports it; its types may be imported anywhere. */
const POLYFILL = { name: 'webextension-polyfill', message: 'Import browser from platform/browser.ts.', allowTypeImports: true };

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.tmp/**', 'bench/results*'] },
  ...tseslint.configs.recommended,
  {
    files: ['src/**/*.{ts,tsx}'],
    rules: {
      // App code uses the promise-based `browser` from platform/browser.ts, never `chrome.*`.
      'no-restricted-globals': ['error', { name: 'chrome', message: 'Use browser from platform/browser.ts.' }],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      // The core is pure: no browser API, no clock of its own.
      'no-restricted-imports': ['error', { patterns: ['webextension-polyfill', '**/background/*', '**/content/*', '**/pages/*', '**/platform/*', '**/ui/*'] }],
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
        { name: 'chrome', message: 'Use browser from platform/browser.ts.' },
        { name: 'setInterval', message: 'Use browser.alarms: the worker may be stopped at any moment.' },
        { name: 'setTimeout', message: 'Use browser.alarms: the worker may be stopped at any moment.' },
      ],
      // The worker reaches the browser through platform/browser.ts; valibot would double its size.
      // Type imports cost nothing and stay allowed.
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            POLYFILL,
            { name: 'valibot', message: 'The worker reads settings with src/core/settings.', allowTypeImports: true },
          ],
          patterns: [
            { group: ['**/ui/*', '**/pages/*', '**/content/*'], message: 'The background imports only core/, platform/ and its own folder (README § How it works).' },
            { group: ['**/core/settings-schema', '**/core/history-io'], message: 'Page-side checks (valibot, file import) stay out of the worker.', allowTypeImports: true },
          ],
        },
      ],
    },
  },
  // Layers: core (pure rules and contracts) and platform (the browser accessor) are shared by all;
  // pages (with ui, their shared components), background and content import nothing of each other.
  {
    files: ['src/content/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { paths: [POLYFILL], patterns: [{ group: ['**/background/*', '**/pages/*', '**/ui/*'], message: 'The overlay script imports only core/ and platform/.' }] },
      ],
    },
  },
  {
    files: ['src/pages/**/*.{ts,tsx}', 'src/ui/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [POLYFILL],
          patterns: [
            { group: ['**/background/*', '**/content/*'], message: 'Pages reach the background by messages (core/contracts/messages.ts), not imports.' },
            { group: ['../break/*', '../options/*', '../popup/*', '../welcome/*', '**/pages/*'], message: 'A page shares code through ui/ or core/, not with another page.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/platform/**/*.ts'],
    ignores: ['src/platform/browser.ts'],
    rules: {
      // Types of core's contracts (the message keys) are allowed: they cost nothing at run time.
      '@typescript-eslint/no-restricted-imports': ['error', { paths: [POLYFILL], patterns: [{ group: ['../*'], message: 'platform/ depends on nothing of ours.', allowTypeImports: true }] }],
    },
  },
  {
    files: ['src/platform/browser.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [{ group: ['../*'], message: 'platform/ depends on nothing of ours.' }] }],
    },
  },
  {
    files: ['tests/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/bench/*'], message: 'Tests never import bench/; shared helpers live in tests/support/ and tests/e2e/support/.' }] }],
    },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
);
