// The first check on anything read from storage, a message or a file: is it a plain object whose fields can be read?

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
