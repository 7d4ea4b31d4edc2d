import { DomainError } from '../../shared/errors.ts';

// Years PostgreSQL and PGlite both store and compare without surprises.
const EARLIEST = Date.UTC(1, 0, 1);
const LATEST = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/**
 * An RFC 3339 date-time from the query string as a `Date`, or `VALIDATION_FAILED`. The schema's
 * `date-time` format admits strings JavaScript cannot turn into an instant (a leap second,
 * `23:59:60`), and PGlite throws on an invalid `Date` instead of refusing it.
 */
export function instantParam(name: string, value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const instant = new Date(value);
  const time = instant.getTime();
  if (Number.isNaN(time) || time < EARLIEST || time > LATEST) {
    throw new DomainError('VALIDATION_FAILED', `${name} is not a date-time between years 1 and 9999`, {
      errors: [{ path: `/${name}`, message: 'must be a valid date-time' }],
    });
  }
  return instant;
}
