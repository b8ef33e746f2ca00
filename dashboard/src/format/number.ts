const numberFormats = new Map<string, Intl.NumberFormat>();

/** A number with at most `decimals` fraction digits in the locale's notation ("38,4" in ru-KZ); one formatter per kind. */
export function formatNumber(value: number, decimals: number, locale: string): string {
  const key = `${locale}:${decimals}`;
  let f = numberFormats.get(key);
  if (f === undefined) {
    f = new Intl.NumberFormat(locale, { maximumFractionDigits: decimals });
    numberFormats.set(key, f);
  }
  return f.format(value);
}
