// The locales: every language has exactly the keys of `en` (a plural family with exactly the plural
// forms of its own language), placeholders agree, no text is left in English, every key is used,
// no .ts or .tsx file shows hard-coded text, and the store name and description fit the store's limits.
//
// Each test collects every problem it finds as one line that says what to fix, then asserts the
// list is empty, so one run lists them all.
//
// A key counts as used when src/ (parsed with the TypeScript compiler, so comments don't count)
// has a string literal equal to it (`t('key')`, `label: 'pauseFor1Hour'`, `headingKey: '…'`), when
// manifest.json or a file under src/ says `__MSG_key__`, when `exerciseMessageKey` builds it for an
// exercise that exists, when it starts with a prefix the code builds keys from (`cue_${x}`, 'cue_' + x,
// DYNAMIC_PREFIXES), or when it is two literals of the code joined the way a template joins them
// (`${prefix}_${option}` with 'optTheme' and 'dark' → optTheme_dark).
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { EXERCISE_IDS, EXERCISES, exerciseMessageKey, exerciseSideMessageKey, type ExerciseVariant } from '../../../src/core/rules/exercises';
import { PLURAL_CATEGORIES, pluralCategoriesOf, type PluralCategory } from '../../../src/platform/i18n';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const LOCALES_DIR = join(ROOT, 'public', '_locales');
const SRC_DIR = join(ROOT, 'src');
const MANIFEST = join(ROOT, 'manifest.json');
const BASE = 'en';

/** Store limits (Chrome Web Store / AMO listing), in characters, for every language. */
const NAME_MAX = 45;
const DESCRIPTION_MAX = 132;

/**
 * Key families the code builds at run time from a prefix that is not visible as a template literal
 * or `'prefix' + x`: every key starting with one of these counts as used.
 * `cue_`: the player's cues (`cue_switch_sides`, `cue_get_ready`, …), named after a step's cue.
 */
const DYNAMIC_PREFIXES: readonly string[] = ['cue_'];
/** Prefixes of template literals that are covered exactly (not as a whole family) further down. */
const EXACT_FAMILIES: readonly string[] = ['exercise_'];

/**
 * Words a translation may keep as English says them: names and format names. A value left
 * identical to English fails unless every word of three or more letters in it is one of these
 * (short words such as "in" or the unit "s" are the same in many languages).
 */
const SAME_IN_EVERY_LANGUAGE = new Set(['Unhunch', 'OK', 'CSV', 'JSON', 'YYYY', 'MM', 'DD', 'ISO', 'min']);
/** Keys whose English value is also the right word in a language (locale → keys): French "Pause". */
const SAME_AS_ENGLISH_OK: Readonly<Record<string, readonly string[]>> = {
  fr: ['buttonPause', 'optRoutine', 'optSectionsNav', 'welcomeIntervalOption_one', 'welcomeIntervalOption_other'],
  it: ['optRoutine'],
};

/** JSX attributes whose text a user sees or hears. */
const USER_VISIBLE_ATTRIBUTES = new Set([
  'aria-label',
  'aria-description',
  'aria-placeholder',
  'aria-roledescription',
  'aria-valuetext',
  'title',
  'placeholder',
  'alt',
  'label',
]);

interface Placeholder {
  content: string;
  example?: string;
}
interface Message {
  message: string;
  description?: string;
  placeholders?: Record<string, Placeholder>;
}
type Messages = Record<string, Message>;

// ---------------------------------------------------------------------------------------------
// Loading

const rel = (path: string): string => relative(ROOT, path).split('\\').join('/');

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? walk(path) : [path];
  });
}

const LOCALE_NAMES = readdirSync(LOCALES_DIR, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort((a, b) => (a === BASE ? -1 : b === BASE ? 1 : a.localeCompare(b)));

/** Locale → its messages, or the reason its file can't be read (reported by the first test). */
const LOADED = new Map<string, Messages | string>(
  LOCALE_NAMES.map((locale) => {
    const file = join(LOCALES_DIR, locale, 'messages.json');
    try {
      const data: unknown = JSON.parse(readFileSync(file, 'utf8'));
      if (typeof data !== 'object' || data === null || Array.isArray(data)) return [locale, `${rel(file)}: not a JSON object`];
      return [locale, data as Messages];
    } catch (error) {
      return [locale, `${rel(file)}: can't be read as JSON — ${(error as Error).message}`];
    }
  }),
);

function messagesOf(locale: string): Messages {
  const loaded = LOADED.get(locale);
  return typeof loaded === 'object' ? loaded : {};
}

const en = messagesOf(BASE);
const EN_KEYS = Object.keys(en);
const OTHER_LOCALES = LOCALE_NAMES.filter((locale) => locale !== BASE);
const file = (locale: string): string => `public/_locales/${locale}/messages.json`;

/** `foo_one` → `foo` when en has the family `foo_other` (`optTheme_dark` is no plural form). */
const PLURAL_SUFFIX = new RegExp(`^(.+)_(${PLURAL_CATEGORIES.join('|')})$`);
function pluralBaseOf(key: string): string | null {
  const m = PLURAL_SUFFIX.exec(key);
  return m && `${m[1]}_other` in en ? (m[1] ?? null) : null;
}
const PLURAL_BASES = [...new Set(EN_KEYS.map(pluralBaseOf).filter((base): base is string => base !== null))];
/** The key whose placeholders a key must have: en's `_other` for a plural form, else the key itself. */
const referenceKey = (key: string): string => {
  const base = pluralBaseOf(key);
  return base === null ? key : `${base}_other`;
};
/** The folder name as a BCP 47 tag: `pt_BR` → `pt-BR`. */
const folderTag = (locale: string): string => locale.replace('_', '-');
/** The language tag a locale file names for itself (`localeTag`), or its folder's. */
const tagOf = (locale: string): string => messagesOf(locale).localeTag?.message ?? folderTag(locale);

/** `$NAME$` references in a message, lower-cased (Chrome matches placeholder names case-insensitively). */
function referencedPlaceholders(message: string): string[] {
  return [...message.replaceAll('$$', '').matchAll(/\$([A-Za-z0-9_@]+)\$/g)].map((m) => (m[1] ?? '').toLowerCase());
}

function declaredPlaceholders(entry: Message | undefined): Map<string, Placeholder> {
  const declared = new Map<string, Placeholder>();
  for (const [name, placeholder] of Object.entries(entry?.placeholders ?? {})) declared.set(name.toLowerCase(), placeholder);
  return declared;
}

/** Highest `$n` an entry's placeholders take from the substitutions, 0 if none. */
function substitutionsNeeded(entry: Message | undefined): number {
  let needed = 0;
  for (const placeholder of declaredPlaceholders(entry).values()) {
    for (const m of String(placeholder.content).matchAll(/\$(\d)/g)) needed = Math.max(needed, Number(m[1]));
  }
  return needed;
}

/**
 * Every plural family of en (`base_one`, `base_other`, …) has in `locale` exactly the forms its
 * language's Intl.PluralRules uses (README § Languages): German one + other, Russian one, few,
 * many + other, Japanese other only.
 */
function pluralFamilyProblems(locale: string): string[] {
  const messages = messagesOf(locale);
  const tag = tagOf(locale);
  let wanted: PluralCategory[];
  try {
    wanted = pluralCategoriesOf(tag);
  } catch {
    return [`${file(locale)}: localeTag "${tag}" is not a language Intl.PluralRules knows`];
  }
  const problems: string[] = [];
  for (const base of PLURAL_BASES) {
    const have = PLURAL_CATEGORIES.filter((category) => `${base}_${category}` in messages);
    const missing = wanted.filter((category) => !have.includes(category));
    const extra = have.filter((category) => !wanted.includes(category));
    if (missing.length > 0) {
      problems.push(`${file(locale)}: plural family "${base}" lacks ${missing.map((c) => `${base}_${c}`).join(', ')} — ${tag} uses the forms ${wanted.join(', ')}`);
    }
    if (extra.length > 0) {
      problems.push(`${file(locale)}: plural family "${base}" has ${extra.map((c) => `${base}_${c}`).join(', ')} that ${tag} never uses (its forms: ${wanted.join(', ')}) — delete them`);
    }
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------
// What the code uses

const SOURCE_FILES = walk(SRC_DIR).filter((path) => /\.(ts|tsx)$/.test(path) && !path.endsWith('.d.ts'));

function parse(path: string): ts.SourceFile {
  const kind = path.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  return ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true, kind);
}
const PARSED = SOURCE_FILES.map(parse);

function where(sf: ts.SourceFile, node: ts.Node): string {
  return `${rel(sf.fileName)}:${sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1}`;
}

function visit(node: ts.Node, fn: (node: ts.Node) => void): void {
  fn(node);
  node.forEachChild((child) => visit(child, fn));
}

interface TCall {
  at: string;
  key: string;
  /** Number of substitutions passed: an array literal's length, 1 for a single value, null if unknown (a variable). */
  substitutions: number | null;
}

interface CodeUse {
  /** Every string literal in src/ (comments excluded): a literal equal to a key is a use of it. */
  literals: Set<string>;
  /** The literals that may be halves of a composed key: not JSX attribute values (`class="side"`) or import paths. */
  parts: Set<string>;
  /** Static prefixes of keys built at run time (`cue_${x}`, `'cue_' + x`). */
  prefixes: Set<string>;
  /** The literal text between two substitutions of a template literal (`_` in `${prefix}_${option}`). */
  joiners: Set<string>;
  /** `t('literal', …)` calls. */
  tCalls: TCall[];
  /** `tPlural('base', count, …)` calls; `substitutions` 1 when only the count is passed. */
  pluralCalls: TCall[];
  /** `__MSG_key__` in manifest.json and in any file under src/ (html, css, …), with where. */
  msgRefs: { key: string; at: string }[];
}

const KEY_PREFIX = /^[A-Za-z0-9_@]+$/;

function collectCodeUse(): CodeUse {
  const use: CodeUse = { literals: new Set(), parts: new Set(), prefixes: new Set(), joiners: new Set(), tCalls: [], pluralCalls: [], msgRefs: [] };
  for (const sf of PARSED) {
    visit(sf, (node) => {
      if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
        use.literals.add(node.text);
        if (!ts.isJsxAttribute(node.parent) && !ts.isImportDeclaration(node.parent) && !ts.isExportDeclaration(node.parent)) use.parts.add(node.text);
      }
      if (ts.isTemplateExpression(node)) {
        if (KEY_PREFIX.test(node.head.text)) use.prefixes.add(node.head.text);
        node.templateSpans.slice(0, -1).forEach((span) => {
          if (/^[A-Za-z0-9_@]*$/.test(span.literal.text)) use.joiners.add(span.literal.text);
        });
      }
      if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) {
        const left = node.left;
        if ((ts.isStringLiteral(left) || ts.isNoSubstitutionTemplateLiteral(left)) && KEY_PREFIX.test(left.text)) {
          use.prefixes.add(left.text);
        }
      }
      if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 't') {
        const [first, second] = node.arguments;
        if (first && (ts.isStringLiteral(first) || ts.isNoSubstitutionTemplateLiteral(first))) {
          const substitutions = second === undefined ? 0 : ts.isArrayLiteralExpression(second) ? second.elements.length : ts.isIdentifier(second) ? null : 1;
          use.tCalls.push({ at: where(sf, node), key: first.text, substitutions });
        }
      }
      if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'tPlural') {
        const [first, , third] = node.arguments;
        if (first && (ts.isStringLiteral(first) || ts.isNoSubstitutionTemplateLiteral(first))) {
          const substitutions = third === undefined ? 1 : ts.isArrayLiteralExpression(third) ? third.elements.length : ts.isIdentifier(third) ? null : 1;
          use.pluralCalls.push({ at: where(sf, node), key: first.text, substitutions });
        }
      }
    });
  }
  const textFiles = [MANIFEST, ...walk(SRC_DIR).filter((path) => !/\.(png|jpe?g|gif|webp|ico|woff2?)$/.test(path))];
  for (const path of textFiles) {
    readFileSync(path, 'utf8')
      .split('\n')
      .forEach((line, index) => {
        for (const m of line.matchAll(/__MSG_([A-Za-z0-9_@]+)__/g)) {
          const key = m[1] ?? '';
          if (!key.startsWith('@@')) use.msgRefs.push({ key, at: `${rel(path)}:${index + 1}` });
        }
      });
  }
  return use;
}

/** Every key `exerciseMessageKey` can produce for the exercises that exist, with their variants, and `exerciseSideMessageKey` for the sided ones. */
function exerciseKeys(): Set<string> {
  const keys = new Set<string>();
  for (const id of EXERCISE_IDS) {
    if (EXERCISES[id].sided) for (const side of ['left', 'right'] as const) keys.add(exerciseSideMessageKey(id, side));
    for (const field of ['name', 'how', 'position'] as const) {
      keys.add(exerciseMessageKey(id, field));
      for (const variant of Object.keys(EXERCISES[id].variants ?? {}) as ExerciseVariant[]) {
        keys.add(exerciseMessageKey(id, field, variant));
      }
    }
  }
  return keys;
}

const USE = collectCodeUse();
const EXERCISE_KEYS = exerciseKeys();
const FAMILY_PREFIXES = [...DYNAMIC_PREFIXES, ...[...USE.prefixes].filter((prefix) => !EXACT_FAMILIES.includes(prefix))];

/**
 * A key put together at run time from two literals of the code, e.g. `${prefix}_${option}` with
 * prefix 'optTheme' and option 'dark' → `optTheme_dark`: both halves are literals somewhere in src/.
 */
function isComposed(key: string): boolean {
  for (const joiner of USE.joiners) {
    for (let at = 1; at + joiner.length < key.length; at++) {
      if (!key.startsWith(joiner, at)) continue;
      if (USE.parts.has(key.slice(0, at)) && USE.parts.has(key.slice(at + joiner.length))) return true;
    }
  }
  return false;
}

function isUsed(key: string): boolean {
  const base = pluralBaseOf(key);
  // A plural form is used when its family's base is named in the code (`tPlural('historyStreakDays', n)`).
  if (base !== null) return USE.literals.has(base) || isUsed(base);
  return (
    USE.literals.has(key) ||
    EXERCISE_KEYS.has(key) ||
    USE.msgRefs.some((ref) => ref.key === key) ||
    FAMILY_PREFIXES.some((prefix) => key.startsWith(prefix)) ||
    isComposed(key)
  );
}

// ---------------------------------------------------------------------------------------------
// Hard-coded text in components

const LETTER = /\p{L}/u;
/** Text a user would see: letters left once HTML entities such as `&nbsp;` are taken out. */
const hasText = (text: string): boolean => LETTER.test(text.replace(/&(#x?[0-9a-f]+|[a-z]+);/gi, ''));

/** The string parts of an expression that end up rendered as they are (not, say, a t() key). */
function renderedStrings(expr: ts.Expression): { node: ts.Node; text: string }[] {
  if (ts.isStringLiteral(expr) || ts.isNoSubstitutionTemplateLiteral(expr)) return [{ node: expr, text: expr.text }];
  if (ts.isTemplateExpression(expr)) {
    return [
      { node: expr, text: [expr.head.text, ...expr.templateSpans.map((span) => span.literal.text)].join(' ') },
      ...expr.templateSpans.flatMap((span) => renderedStrings(span.expression)),
    ];
  }
  if (ts.isParenthesizedExpression(expr)) return renderedStrings(expr.expression);
  if (ts.isConditionalExpression(expr)) return [...renderedStrings(expr.whenTrue), ...renderedStrings(expr.whenFalse)];
  if (ts.isBinaryExpression(expr)) {
    const op = expr.operatorToken.kind;
    if (op === ts.SyntaxKind.AmpersandAmpersandToken) return renderedStrings(expr.right);
    if (op === ts.SyntaxKind.BarBarToken || op === ts.SyntaxKind.QuestionQuestionToken || op === ts.SyntaxKind.PlusToken) {
      return [...renderedStrings(expr.left), ...renderedStrings(expr.right)];
    }
  }
  return [];
}

const shorten = (text: string): string => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 60 ? `${flat.slice(0, 57)}…` : flat;
};

/** DOM properties whose text a user sees or hears (`frame.title = …`, `el.textContent = …`). */
const USER_VISIBLE_PROPERTIES = new Set(['title', 'textContent', 'innerText', 'innerHTML', 'outerHTML', 'nodeValue', 'placeholder', 'alt', 'label', 'ariaLabel', 'ariaDescription', 'ariaPlaceholder', 'ariaRoleDescription', 'ariaValueText']);
/** Object properties that become user-visible text when handed to an extension API (notifications, menus). */
const USER_VISIBLE_OPTIONS = new Set(['title', 'message', 'contextMessage', 'label', 'placeholder']);
/** Functions whose string arguments are shown or spoken as they are. */
const USER_VISIBLE_CALLS = new Set(['alert', 'confirm', 'prompt', 'createTextNode', 'Notification', 'SpeechSynthesisUtterance']);

const nameOf = (node: ts.Node): string | null =>
  ts.isIdentifier(node) || ts.isPrivateIdentifier(node) ? node.text : ts.isPropertyAccessExpression(node) ? node.name.text : ts.isStringLiteral(node) ? node.text : null;

/** Strings a .ts or .tsx file hands to the DOM or an extension API as text, outside JSX. */
function domStrings(sf: ts.SourceFile, node: ts.Node): { node: ts.Node; text: string; what: string }[] {
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(node.left)) {
    const name = node.left.name.text;
    if (USER_VISIBLE_PROPERTIES.has(name)) return renderedStrings(node.right).map((found) => ({ ...found, what: `.${name} =` }));
  }
  if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
    const callee = nameOf(node.expression);
    const args = node.arguments ?? ts.factory.createNodeArray<ts.Expression>();
    if (callee === 'setAttribute' && args[0] && ts.isStringLiteral(args[0]) && USER_VISIBLE_ATTRIBUTES.has(args[0].text) && args[1]) {
      return renderedStrings(args[1]).map((found) => ({ ...found, what: `setAttribute('${(args[0] as ts.StringLiteral).text}')` }));
    }
    if (callee !== null && USER_VISIBLE_CALLS.has(callee)) return args.flatMap((arg) => renderedStrings(arg)).map((found) => ({ ...found, what: `${callee}()` }));
  }
  if (ts.isPropertyAssignment(node) && !ts.isJsxAttributes(node.parent)) {
    const name = nameOf(node.name);
    if (name !== null && USER_VISIBLE_OPTIONS.has(name)) return renderedStrings(node.initializer).map((found) => ({ ...found, what: `${name}:` }));
  }
  void sf;
  return [];
}

function hardCodedStrings(): string[] {
  const problems: string[] = [];
  const fix = "— add a key to public/_locales/*/messages.json and render t('yourKey') instead";
  for (const sf of PARSED) {
    visit(sf, (node) => {
      for (const { node: literal, text, what } of domStrings(sf, node)) {
        // A message key handed on to be translated (`label: 'pauseFor1Hour'`) is not text.
        if (hasText(text) && !(text in en)) problems.push(`${where(sf, literal)}: ${what} "${shorten(text)}" ${fix}`);
      }
      if (!sf.fileName.endsWith('.tsx')) return;
      if (ts.isJsxText(node) && hasText(node.text)) {
        problems.push(`${where(sf, node)}: JSX text "${shorten(node.text)}" ${fix}`);
      }
      if (ts.isJsxExpression(node) && node.expression && (ts.isJsxElement(node.parent) || ts.isJsxFragment(node.parent))) {
        for (const { node: literal, text } of renderedStrings(node.expression)) {
          if (hasText(text)) problems.push(`${where(sf, literal)}: JSX child string "${shorten(text)}" ${fix}`);
        }
      }
      if (ts.isJsxAttribute(node) && node.initializer) {
        const name = node.name.getText(sf);
        if (!USER_VISIBLE_ATTRIBUTES.has(name)) return;
        const init = node.initializer;
        const strings = ts.isStringLiteral(init)
          ? [{ node: init as ts.Node, text: init.text }]
          : ts.isJsxExpression(init) && init.expression
            ? renderedStrings(init.expression)
            : [];
        for (const { node: literal, text } of strings) {
          // A message key handed to a component that translates it (`label="optTheme"`) is not text.
          if (hasText(text) && !(text in en)) problems.push(`${where(sf, literal)}: ${name}="${shorten(text)}" ${fix}`);
        }
      }
    });
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------

describe('locale files', () => {
  it('every messages.json is a JSON object with well-formed entries', () => {
    const problems: string[] = [];
    expect(LOCALE_NAMES, `public/_locales/${BASE}/messages.json must exist`).toContain(BASE);
    for (const locale of LOCALE_NAMES) {
      const loaded = LOADED.get(locale);
      if (typeof loaded === 'string') {
        problems.push(loaded);
        continue;
      }
      for (const [key, entry] of Object.entries(loaded ?? {})) {
        if (!/^[A-Za-z0-9_@]+$/.test(key) || key.startsWith('@@')) {
          problems.push(`${file(locale)}: key "${key}" — use only A–Z, a–z, 0–9 and _ (and don't start with @@)`);
        }
        if (typeof entry !== 'object' || entry === null || typeof entry.message !== 'string' || entry.message.trim() === '') {
          problems.push(`${file(locale)}: "${key}" needs a non-empty "message" string`);
          continue;
        }
        if (locale === BASE && (typeof entry.description !== 'string' || entry.description.trim() === '')) {
          problems.push(`${file(locale)}: "${key}" needs a "description" telling translators where and how the text appears`);
        }
        for (const [name, placeholder] of Object.entries(entry.placeholders ?? {})) {
          if (typeof placeholder?.content !== 'string') {
            problems.push(`${file(locale)}: "${key}" placeholder "${name}" needs a "content" string such as "$1"`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it.each(OTHER_LOCALES)('%s has exactly the keys of en, each plural family with its own forms', (locale) => {
    const messages = messagesOf(locale);
    const isPluralForm = (key: string) => pluralBaseOf(key) !== null;
    const missing = EN_KEYS.filter((key) => !isPluralForm(key) && !(key in messages));
    const extra = Object.keys(messages).filter((key) => !isPluralForm(key) && !(key in en));
    const problems: string[] = [...pluralFamilyProblems(locale)];
    if (missing.length > 0) {
      problems.push(`${file(locale)}: ${missing.length} key(s) missing — translate them from en: ${missing.join(', ')}`);
    }
    if (extra.length > 0) {
      problems.push(`${file(locale)}: ${extra.length} key(s) not in en — add them to en or delete them here: ${extra.join(', ')}`);
    }
    expect(problems).toEqual([]);
  });

  it.each(LOCALE_NAMES)('%s names its language in localeTag, matching its folder', (locale) => {
    const tag = messagesOf(locale).localeTag?.message;
    const problems: string[] = [];
    if (typeof tag !== 'string') problems.push(`${file(locale)}: add "localeTag" with the BCP 47 tag of its language ("${folderTag(locale)}")`);
    else {
      let canonical = '';
      try {
        canonical = Intl.getCanonicalLocales(tag)[0] ?? '';
      } catch {
        problems.push(`${file(locale)}: localeTag "${tag}" is not a BCP 47 tag — use "${folderTag(locale)}"`);
      }
      if (canonical && canonical.toLowerCase() !== folderTag(locale).toLowerCase()) {
        problems.push(`${file(locale)}: localeTag "${tag}" doesn't match the folder ${locale} — use "${folderTag(locale)}"`);
      }
    }
    expect(problems).toEqual([]);
  });

  it.each(LOCALE_NAMES)('%s: no text left in English where the language has its own words', (locale) => {
    if (locale === BASE || folderTag(locale).toLowerCase().startsWith('en')) return;
    const messages = messagesOf(locale);
    const allowed = new Set(SAME_AS_ENGLISH_OK[locale] ?? []);
    const problems: string[] = [];
    for (const [key, entry] of Object.entries(messages)) {
      const english = en[key]?.message;
      if (key === 'localeTag' || allowed.has(key) || typeof english !== 'string' || entry?.message?.trim() !== english.trim()) continue;
      const words = english.replace(/\$[A-Za-z0-9_@]+\$/g, ' ').match(/\p{L}{3,}/gu) ?? [];
      if (words.some((word) => !SAME_IN_EVERY_LANGUAGE.has(word))) {
        problems.push(`${file(locale)}: "${key}" is still the English "${shorten(english)}" — translate it (or, if it is the right word in this language, add it to SAME_AS_ENGLISH_OK)`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('there are at least the languages the product promises (en, de, es)', () => {
    expect(LOCALE_NAMES).toEqual(expect.arrayContaining(['en', 'de', 'es']));
  });
});

describe('placeholders', () => {
  it.each(LOCALE_NAMES)('%s: every $NAME$ is declared and used, with the same placeholders as en', (locale) => {
    const problems: string[] = [];
    for (const [key, entry] of Object.entries(messagesOf(locale))) {
      if (typeof entry?.message !== 'string') continue;
      const declared = declaredPlaceholders(entry);
      const referenced = new Set(referencedPlaceholders(entry.message));
      for (const name of referenced) {
        if (!declared.has(name)) {
          problems.push(`${file(locale)}: "${key}" uses $${name.toUpperCase()}$ but declares no placeholder "${name}" — add it to "placeholders" or fix the spelling`);
        }
      }
      for (const name of declared.keys()) {
        if (!referenced.has(name)) {
          problems.push(`${file(locale)}: "${key}" declares placeholder "${name}" but its message never shows $${name.toUpperCase()}$ — put it in the message`);
        }
      }
      const reference = referenceKey(key);
      if (reference === key && (locale === BASE || !(key in en))) continue;
      if (!(reference in en)) continue;
      const base = declaredPlaceholders(en[reference]);
      const baseNames = [...base.keys()].sort().join(', ') || '(none)';
      const names = [...declared.keys()].sort().join(', ') || '(none)';
      if (baseNames !== names) {
        problems.push(`${file(locale)}: "${key}" has placeholders ${names} but en's "${reference}" has ${baseNames} — copy en's "placeholders" object and translate only "message"`);
        continue;
      }
      for (const [name, placeholder] of base) {
        const content = declared.get(name)?.content;
        if (content !== placeholder.content) {
          problems.push(`${file(locale)}: "${key}" placeholder "${name}" has content ${JSON.stringify(content)} but en's "${reference}" has ${JSON.stringify(placeholder.content)} — use en's content`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it("the code passes as many substitutions as each message's placeholders take", () => {
    const problems: string[] = [];
    const calls = [...USE.tCalls, ...USE.pluralCalls.map((call) => ({ ...call, key: `${call.key}_other` }))];
    for (const call of calls) {
      const needed = substitutionsNeeded(en[call.key]);
      if (call.substitutions === null || !(call.key in en)) continue;
      if (call.substitutions < needed) {
        problems.push(`${call.at}: t('${call.key}') passes ${call.substitutions} substitution(s) but its placeholders use ${needed === 1 ? '$1' : `$1…$${needed}`} — pass ${needed}`);
      }
      if (call.substitutions > needed) {
        problems.push(`${call.at}: t('${call.key}') passes ${call.substitutions} substitution(s) but its message uses ${needed} — drop the extra ones or add placeholders to en`);
      }
    }
    expect(problems).toEqual([]);
  });
});

describe('keys and code agree', () => {
  it('every key the code asks for exists in en', () => {
    const problems: string[] = [];
    for (const call of USE.tCalls) {
      if (PLURAL_BASES.includes(call.key)) problems.push(`${call.at}: t('${call.key}') — "${call.key}" is a plural family: use tPlural('${call.key}', count)`);
      else if (!(call.key in en)) problems.push(`${call.at}: t('${call.key}') — no such key in ${file(BASE)}; add it (and translate it) or fix the name`);
    }
    for (const call of USE.pluralCalls) {
      if (!PLURAL_BASES.includes(call.key)) {
        problems.push(`${call.at}: tPlural('${call.key}') — ${file(BASE)} has no plural family ${call.key}_one / ${call.key}_other; add it (README § Languages)`);
      }
    }
    for (const ref of USE.msgRefs) {
      if (!(ref.key in en)) problems.push(`${ref.at}: __MSG_${ref.key}__ — no such key in ${file(BASE)}; add it (and translate it) or fix the name`);
    }
    for (const key of EXERCISE_KEYS) {
      // Variant keys exist only for the fields that differ between set-ups (`how`, `position`).
      if (!(key in en)) problems.push(`src/core/rules/exercises.ts: exerciseMessageKey() builds "${key}" but ${file(BASE)} has no such key — add it (and translate it)`);
    }
    expect(problems).toEqual([]);
  });

  it('every key in en is used by the code', () => {
    const unused = EN_KEYS.filter((key) => !isUsed(key));
    const problems = unused.map(
      (key) =>
        `${file(BASE)}: "${key}" is used nowhere in src/ or manifest.json — use it (t('${key}')) or delete it from every locale`,
    );
    expect(problems).toEqual([]);
  });
});

describe('components and scripts', () => {
  it('show no hard-coded user-visible text (src/**/*.ts and *.tsx)', () => {
    expect(hardCodedStrings()).toEqual([]);
  });
});

describe('store listing', () => {
  it('manifest.json takes its name and description from the locales', () => {
    const manifest = JSON.parse(readFileSync(MANIFEST, 'utf8')) as { name?: string; description?: string };
    expect(manifest.name, 'manifest.json "name" must be "__MSG_extName__"').toBe('__MSG_extName__');
    expect(manifest.description, 'manifest.json "description" must be "__MSG_extDescription__"').toBe('__MSG_extDescription__');
  });

  it.each(LOCALE_NAMES)(`%s: extName ≤ ${NAME_MAX} and extDescription ≤ ${DESCRIPTION_MAX} characters`, (locale) => {
    const messages = messagesOf(locale);
    const problems: string[] = [];
    for (const [key, max] of [
      ['extName', NAME_MAX],
      ['extDescription', DESCRIPTION_MAX],
    ] as const) {
      const text = messages[key]?.message;
      if (typeof text !== 'string') {
        problems.push(`${file(locale)}: "${key}" is missing`);
        continue;
      }
      const length = [...text].length;
      if (length > max) problems.push(`${file(locale)}: "${key}" is ${length} characters, the store allows ${max} — shorten it by ${length - max}`);
      if (referencedPlaceholders(text).length > 0) problems.push(`${file(locale)}: "${key}" can't have placeholders: the manifest can't fill them`);
    }
    expect(problems).toEqual([]);
  });
});
