/** One sample of the Prometheus text exposition format (version 0.0.4). */
export interface Sample {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)(?:\s+-?\d+)?$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

function parseValue(text: string): number {
  if (text === '+Inf') return Number.POSITIVE_INFINITY;
  if (text === '-Inf') return Number.NEGATIVE_INFINITY;
  return Number(text);
}

function unescape(value: string): string {
  return value.replace(/\\(["\\n])/g, (_match, c: string) => (c === 'n' ? '\n' : c));
}

/** The samples of a Prometheus text page; comments (# HELP, # TYPE) and lines that do not parse are skipped. */
export function parsePrometheus(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const match = SAMPLE.exec(line);
    const name = match?.[1];
    const value = match?.[3];
    if (name === undefined || value === undefined) continue;
    const labels: Record<string, string> = {};
    for (const label of (match?.[2] ?? '').matchAll(LABEL)) labels[label[1] ?? ''] = unescape(label[2] ?? '');
    samples.push({ name, labels, value: parseValue(value) });
  }
  return samples;
}
