import { ApiError } from './errors.ts';

export const DAY_MS = 24 * 60 * 60 * 1000;

/** `from`/`to` of a query (ISO 8601, both optional) as epoch ms: `to` defaults to now, `from` to `defaultSpanMs` before it. */
export function timeWindow(query: { from?: string | undefined; to?: string | undefined }, defaultSpanMs: number, now = Date.now()) {
  const to = query.to === undefined ? now : Date.parse(query.to);
  const from = query.from === undefined ? to - defaultSpanMs : Date.parse(query.from);
  if (from > to) throw new ApiError('API_VALIDATION_FAILED', '`from` must not be after `to`');
  return { from, to };
}
