#!/usr/bin/env node
// Regenerates icons/icon-{16,32,48,128}.png from icons/icon.svg using headless Chromium.
// Usage: node scripts/render-icons.mjs
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { chromium } from 'playwright-core';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const iconsDir = join(root, 'icons');
const SIZES = [16, 32, 48, 128];

const svg = await readFile(join(iconsDir, 'icon.svg'), 'utf8');
const dataUrl = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  headless: true,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
});

try {
  for (const size of SIZES) {
    const page = await browser.newPage({
      viewport: { width: size, height: size },
      deviceScaleFactor: 1,
    });
    await page.setContent(
      `<!doctype html><html><head><style>
        html, body { margin: 0; padding: 0; background: transparent; overflow: hidden; }
        img { display: block; width: ${size}px; height: ${size}px; }
      </style></head><body><img id="icon" src="${dataUrl}" alt=""></body></html>`,
    );
    await page.waitForFunction(() => {
      const img = document.getElementById('icon');
      return img instanceof HTMLImageElement && img.complete && img.naturalWidth > 0;
    });
    const png = await page.screenshot({
      omitBackground: true,
      clip: { x: 0, y: 0, width: size, height: size },
    });
    const out = join(iconsDir, `icon-${size}.png`);
    await writeFile(out, png);
    console.log(`wrote ${out}`);
    await page.close();
  }
} finally {
  await browser.close();
}
