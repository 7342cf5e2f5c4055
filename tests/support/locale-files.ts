// The locale files as the browser reads them, for unit tests: every folder under public/_locales,
// and `getMessage` with Chrome's placeholder rules ($NAME$ → its content, $1…$9 → substitutions).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface LocaleMessage {
  message: string;
  description?: string;
  placeholders?: Record<string, { content: string; example?: string }>;
}
export type LocaleMessages = Record<string, LocaleMessage>;

export const LOCALES_DIR = fileURLToPath(new URL('../../public/_locales/', import.meta.url));

/** Every locale folder shipped, so a newly added language is covered without touching a test. */
export const SHIPPED_LOCALES: readonly string[] = readdirSync(LOCALES_DIR, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

export function readLocale(locale: string): LocaleMessages {
  return JSON.parse(readFileSync(join(LOCALES_DIR, locale, 'messages.json'), 'utf8')) as LocaleMessages;
}

/** `chrome.i18n.getMessage` over `messages`: '' for a missing key, as the browser answers. */
export function getMessageFrom(messages: LocaleMessages): (key: string, substitutions?: string | string[]) => string {
  return (key, substitutions) => {
    const entry = messages[key];
    if (!entry) return '';
    const subs = substitutions === undefined ? [] : Array.isArray(substitutions) ? substitutions : [substitutions];
    const placeholders = new Map(Object.entries(entry.placeholders ?? {}).map(([name, p]) => [name.toLowerCase(), p.content]));
    const fill = (content: string) => content.replace(/\$(\d)/g, (_, n: string) => subs[Number(n) - 1] ?? '');
    return entry.message
      .replace(/\$([A-Za-z0-9_@]+)\$/g, (whole, name: string) => {
        const content = placeholders.get(name.toLowerCase());
        return content === undefined ? whole : fill(content);
      })
      .replaceAll('$$', '$');
  };
}
