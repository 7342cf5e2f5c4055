// The contract between the code and the locale files: a message key is one of en's, so a key the code names that en does not have fails to compile.
// Keys built from data (an exercise's id and field) are made in one place each and checked over every id by tests/unit/i18n.
import type EN_MESSAGES from '../../../public/_locales/en/messages.json';

export type MessageKey = keyof typeof EN_MESSAGES;

/** The plural families (README § Languages): `<base>` where en has `<base>_other`. */
export type PluralBase = MessageKey extends infer Key ? (Key extends `${infer Base}_other` ? Base : never) : never;
