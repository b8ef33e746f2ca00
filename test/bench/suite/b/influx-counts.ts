/** Points per device (the `device_id` tag) measured before `beforeMs`, counted by their `seq` field (every point has one). */
export async function pointsPerDevice(influxUrl: string, beforeMs: number): Promise<Map<string, number>> {
  const u = new URL('/query', influxUrl);
  u.searchParams.set('db', 'rpm');
  u.searchParams.set('q', `SELECT count(seq) FROM vitals WHERE time < ${Math.floor(beforeMs)}ms GROUP BY device_id`);
  const res = await fetch(u, { signal: AbortSignal.timeout(600_000) });
  const body = (await res.json()) as {
    results: { series?: { tags?: { device_id?: string }; values: [unknown, number][] }[]; error?: string }[];
  };
  const result = body.results[0];
  if (result?.error !== undefined) throw new Error(result.error);
  const counts = new Map<string, number>();
  for (const s of result?.series ?? []) counts.set(s.tags?.device_id ?? '', s.values[0]?.[1] ?? 0);
  return counts;
}
