// The Prometheus text exposition format is a wire format: gateway and server both write it, so it lives here.
/** Builds the Prometheus text exposition format (version 0.0.4), one metric family at a time. */
export class PrometheusText {
  private readonly lines: string[] = [];

  family(name: string, type: 'counter' | 'gauge' | 'histogram', help: string): this {
    this.lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
    return this;
  }

  sample(name: string, value: number, labels?: Readonly<Record<string, string>>): this {
    const rendered =
      labels === undefined
        ? ''
        : `{${Object.entries(labels)
            .map(([k, v]) => `${k}="${v.replace(/["\\\n]/g, (c) => (c === '\n' ? '\\n' : `\\${c}`))}"`)
            .join(',')}}`;
    this.lines.push(`${name}${rendered} ${Number.isFinite(value) ? value : 0}`);
    return this;
  }

  /** A counter or gauge with a single unlabelled sample. */
  single(name: string, type: 'counter' | 'gauge', help: string, value: number): this {
    return this.family(name, type, help).sample(name, value);
  }

  toString(): string {
    return `${this.lines.join('\n')}\n`;
  }
}
