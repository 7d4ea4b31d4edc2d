/**
 * Formats an amount given in the currency's minor units (the API's unit) in major units:
 * `formatMoney(850, 'EUR', 'en')` → "€8.50"; in a German locale "8,50 €". The number of minor
 * digits comes from Intl (JPY has none, EUR two), never from a hard-coded 100.
 */
export function formatMoney(minor: number, currency: string, locale?: string): string {
  const format = new Intl.NumberFormat(locale, { style: 'currency', currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(minor / 10 ** digits);
}
