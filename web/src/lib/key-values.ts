/**
 * The admin screens edit small maps (ingredient → units, carrier status → order status) as
 * text, one `key = value` per line: easy to type, to read aloud and to paste.
 */
export type Parsed<T> = { ok: true; value: Record<string, T> } | { ok: false; error: string };

const KEY = /^[A-Za-z0-9._-]{1,100}$/;

/** Reads `key = value` lines (blank lines ignored); says which line is wrong, in words. */
export function parseLines<T>(
  text: string,
  readValue: (raw: string) => T | undefined,
  shape: string,
  key: RegExp = KEY,
): Parsed<T> {
  const value: Record<string, T> = {};
  for (const [index, raw] of text.split('\n').entries()) {
    const line = raw.trim();
    if (line === '') continue;
    const at = line.search(/[=:]/);
    const name = at < 0 ? '' : line.slice(0, at).trim();
    const read = at < 0 ? undefined : readValue(line.slice(at + 1).trim());
    if (!key.test(name) || read === undefined) {
      return { ok: false, error: `Line ${index + 1} (“${line}”): write it as ${shape}.` };
    }
    if (Object.hasOwn(value, name)) {
      return { ok: false, error: `Line ${index + 1}: ${name} is named twice.` };
    }
    value[name] = read;
  }
  return { ok: true, value };
}

/** `cheese = 40` lines: ingredient → whole units. */
export const parseUnits = (text: string): Parsed<number> =>
  parseLines(
    text,
    (raw) => (/^\d{1,9}$/.test(raw) ? Number(raw) : undefined),
    'ingredient = units (a whole number)',
  );

export type OrderStatusTarget = 'IN_DELIVERY' | 'DELIVERED';

/** `PICKED_UP = IN_DELIVERY` lines: a carrier's status → the order status it means. */
export const parseStatusMapping = (text: string): Parsed<OrderStatusTarget> =>
  parseLines(
    text,
    (raw) => {
      const status = raw.toUpperCase();
      return status === 'IN_DELIVERY' || status === 'DELIVERED' ? status : undefined;
    },
    'CARRIER_STATUS = IN_DELIVERY or DELIVERED',
    /^[^\s=:]{1,64}$/,
  );

/** The map as the lines the parsers read back. */
export const formatLines = (map: Record<string, string | number>): string =>
  Object.entries(map)
    .map(([key, value]) => `${key} = ${value}`)
    .join('\n');
