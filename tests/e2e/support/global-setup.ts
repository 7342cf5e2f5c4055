// Before any end-to-end test: the packages under test must have been built.
import fs from 'node:fs';
import path from 'node:path';

export default function setup(): void {
  for (const target of ['chrome', 'firefox']) {
    const manifest = path.resolve(process.env.UNHUNCH_OUT_DIR ?? 'dist', target, 'manifest.json');
    if (!fs.existsSync(manifest)) {
      throw new Error(`${manifest} is missing: run \`npm run build\` before the end-to-end tests.`);
    }
  }
}
