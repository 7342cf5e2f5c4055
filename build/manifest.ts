// Each browser's manifest from the root manifest.json, which carries both browsers' keys.
import type { ManifestV3Export } from '@crxjs/vite-plugin';
import rootManifest from '../manifest.json' with { type: 'json' };

export type Target = 'chrome' | 'firefox';

/** The root manifest with only `target`'s keys: what the store build and the dev build both package. */
export function manifestFor(target: Target): ManifestV3Export {
  const { browser_specific_settings, background, minimum_chrome_version, ...common } = structuredClone(rootManifest);
  if (target === 'chrome') {
    // 116: set when the worker had no polyfill and needed the idle and notifications APIs' promises (116 is the first
    // Chrome with them); the overlay's popover needs 114 in any case. Kept: no user of an older Chrome was tested.
    // Dynamic URLs: a web page can neither frame nor fetch the break page by its fixed URL, so it
    // can't tell the extension is installed. (Firefox's URLs are random per install already.)
    const web_accessible_resources = common.web_accessible_resources.map((entry) => ({ ...entry, use_dynamic_url: true }));
    return { ...common, web_accessible_resources, minimum_chrome_version, background } as ManifestV3Export;
  }
  return {
    ...common,
    // Firefox runs MV3 backgrounds as event pages, not service workers.
    background: { scripts: [background.service_worker], type: background.type },
    browser_specific_settings,
  } as unknown as ManifestV3Export;
}
