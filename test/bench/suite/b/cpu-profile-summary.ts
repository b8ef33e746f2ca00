// Summarises a V8 .cpuprofile (node --cpu-prof): self time per function and per package, the top N.
//   node test/bench/suite/b/cpu-profile-summary.ts <file.cpuprofile> [top=25]
import { readFileSync } from 'node:fs';
import process from 'node:process';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
}
interface Profile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

export function summarise(profile: Profile, top: number): string[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<string, number>();
  const byPackage = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    const frame = byId.get(id)?.callFrame;
    if (frame === undefined) return;
    total += dt;
    const where = frame.url.replace(/^file:\/\/\/work\/main\//, '');
    const key = `${frame.functionName || '(anonymous)'} ${where}:${frame.lineNumber + 1}`;
    selfUs.set(key, (selfUs.get(key) ?? 0) + dt);
    const pkg =
      /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(where)?.[1] ?? (where === '' ? frame.functionName : where.split('/').slice(0, 2).join('/'));
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + dt);
  });
  const fmt = ([k, v]: [string, number]): string => `${((100 * v) / total).toFixed(1).padStart(5)} %  ${k}`;
  const sorted = (m: Map<string, number>): [string, number][] => [...m].sort((a, b) => b[1] - a[1]).slice(0, top);
  return [
    `total ${(total / 1e6).toFixed(1)} s sampled`,
    '-- by function (self)',
    ...sorted(selfUs).map(fmt),
    '-- by package or folder',
    ...sorted(byPackage).map(fmt),
  ];
}

if (import.meta.main) {
  const profile = JSON.parse(readFileSync(process.argv[2] ?? '', 'utf8')) as Profile;
  process.stdout.write(`${summarise(profile, Number(process.argv[3] ?? 25)).join('\n')}\n`);
}
