// `npm start`: opens Debian's Chromium with the freshly built extension in a throwaway profile.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const extension = path.resolve('dist/chrome');
if (!fs.existsSync(chromium)) {
  console.error(`No Chromium at ${chromium}. Install it (apt-get install -y chromium) or set CHROMIUM_PATH.`);
  process.exit(1);
}
if (!process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
  console.error('npm start opens a browser window and needs a display (DISPLAY is not set).');
  process.exit(1);
}
const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'unhunch-profile-'));
console.log(`Chromium with Unhunch loaded from ${extension}; fresh profile ${profile} (deleted on exit).`);
const child = spawn(
  chromium,
  [
    `--user-data-dir=${profile}`,
    `--disable-extensions-except=${extension}`,
    `--load-extension=${extension}`,
    '--no-first-run',
    '--no-default-browser-check',
    'chrome://extensions',
  ],
  { stdio: 'inherit' },
);
child.on('exit', (code) => {
  fs.rmSync(profile, { recursive: true, force: true });
  process.exit(code ?? 0);
});
