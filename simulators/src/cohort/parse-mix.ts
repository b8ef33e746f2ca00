import { SCENARIO_IDS, isScenarioId, type ScenarioId } from './scenario-catalogue.ts';

export type ScenarioMix = Readonly<Partial<Record<ScenarioId, number>>>;

/**
 * Parses `stable=0.6,infection=0.1,...`: shares 0–1 of the fleet per scenario. Shares may add up to less than 1;
 * the rest is `stable`. Every problem is listed at once.
 */
export function parseMix(text: string): { ok: true; mix: ScenarioMix } | { ok: false; problems: string[] } {
  const problems: string[] = [];
  const mix: Partial<Record<ScenarioId, number>> = {};
  for (const part of text
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '')) {
    const [name = '', share, ...rest] = part.split('=');
    const value = Number(share);
    if (!isScenarioId(name)) problems.push(`unknown scenario "${name}"; known: ${SCENARIO_IDS.join(', ')}`);
    else if (share === undefined || rest.length > 0 || share.trim() === '' || !(value >= 0 && value <= 1))
      problems.push(`share of ${name} must be a number 0-1, got "${share ?? ''}"`);
    else if (mix[name] !== undefined) problems.push(`${name} is given twice`);
    else mix[name] = value;
  }
  const total = Object.values(mix).reduce((a, b) => a + b, 0);
  if (total > 1 + 1e-9) problems.push(`shares add up to ${total.toFixed(3)}, more than 1`);
  if (problems.length > 0) return { ok: false, problems };
  if (total < 1 - 1e-9) mix.stable = (mix.stable ?? 0) + (1 - total);
  return { ok: true, mix };
}

/**
 * How many of `count` patients get each scenario: every scenario with a share gets at least one patient while there
 * are patients left (a small demo fleet still shows it), the rest by largest remainder; counts add up to `count`.
 */
export function scenarioCounts(given: ScenarioMix, count: number): Map<ScenarioId, number> {
  // shares that add up to less than 1 leave the rest stable, as parseMix does (a mix built in code may not)
  const total = Object.values(given).reduce((a, b) => a + b, 0);
  const mix: ScenarioMix = total < 1 - 1e-9 ? { ...given, stable: (given.stable ?? 0) + (1 - total) } : given;
  const entries = SCENARIO_IDS.filter((id) => (mix[id] ?? 0) > 0)
    .map((id) => ({ id, exact: (mix[id] ?? 0) * count }))
    .sort((a, b) => b.exact - a.exact);
  const counts = new Map(entries.map((e) => [e.id, Math.floor(e.exact)]));
  let left = count - [...counts.values()].reduce((a, b) => a + b, 0);
  for (const e of entries.filter((x) => counts.get(x.id) === 0)) {
    if (left <= 0) break;
    counts.set(e.id, 1);
    left--;
  }
  const remainder = (e: { id: ScenarioId; exact: number }): number => e.exact - (counts.get(e.id) ?? 0);
  for (const e of [...entries].sort((a, b) => remainder(b) - remainder(a))) {
    if (left <= 0) break;
    counts.set(e.id, (counts.get(e.id) ?? 0) + 1);
    left--;
  }
  // Floors plus one each can exceed the count only when there are more scenarios than patients: take back from the largest.
  for (const e of entries) {
    while (left < 0 && (counts.get(e.id) ?? 0) > 1) {
      counts.set(e.id, (counts.get(e.id) ?? 0) - 1);
      left++;
    }
  }
  return counts;
}
