import { describe, expect, it } from 'vitest';
import { DEFAULT_REPETITIONS, parseBenchArgs } from './parse-bench-args.ts';

const known = ['ingest', 'alert-latency', 'capacity', 'backlog'];

describe('parseBenchArgs', () => {
  it.each([
    { argv: [], expected: { quick: false, only: undefined, repetitions: DEFAULT_REPETITIONS.full, json: undefined } },
    { argv: ['--quick'], expected: { quick: true, only: undefined, repetitions: DEFAULT_REPETITIONS.quick, json: undefined } },
    {
      argv: ['--quick', '--only', 'ingest, capacity', '--repetitions', '3', '--json', '/tmp/x.json'],
      expected: { quick: true, only: ['ingest', 'capacity'], repetitions: 3, json: '/tmp/x.json' },
    },
  ])('$argv', ({ argv, expected }) => {
    expect(parseBenchArgs(argv, known)).toEqual(expected);
  });

  it.each([
    { argv: ['--only', 'ingest,nosuch'], error: /unknown workload\(s\) nosuch/ },
    { argv: ['--repetitions', '0'], error: /positive integer/ },
    { argv: ['--repetitions', 'two'], error: /positive integer/ },
    { argv: ['--fast'], error: /Unknown option/ },
  ])('refuses $argv', ({ argv, error }) => {
    expect(() => parseBenchArgs(argv, known)).toThrow(error);
  });
});
