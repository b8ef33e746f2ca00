/** Parsers of one command-line value each; a problem is pushed to `problems`, never thrown. */
export function number(
  problems: string[],
  name: string,
  text: string | undefined,
  fallback: number,
  check: (n: number) => boolean,
  expected: string,
): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || !check(value)) problems.push(`--${name} must be ${expected}, got "${text}"`);
  return value;
}

export function url(problems: string[], name: string, text: string, protocols: readonly string[]): string {
  try {
    const parsed = new URL(text);
    if (!protocols.includes(parsed.protocol)) problems.push(`--${name} must use ${protocols.join(' or ')}, got "${text}"`);
  } catch {
    problems.push(`--${name} must be a URL, got "${text}"`);
  }
  return text;
}

/** Options given that the command does not take: each a problem, so a mistyped command line is not half-obeyed. */
export function notTaken(problems: string[], command: string, values: object, taken: readonly string[]): void {
  for (const [name, value] of Object.entries(values))
    if (value !== undefined && name !== 'help' && !taken.includes(name)) problems.push(`--${name} does not apply to "${command}"`);
}
