/** The value of one unlabelled sample in Prometheus text (e.g. `rpm_spool_readings 12`); NaN when absent. */
export function prometheusSample(text: string, name: string): number {
  const match = new RegExp(`^${name} (\\S+)$`, 'm').exec(text);
  return match?.[1] === undefined ? Number.NaN : Number(match[1]);
}
