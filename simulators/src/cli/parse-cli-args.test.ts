import { describe, expect, it } from 'vitest';
import { parseCliArgs } from './parse-cli-args.ts';

describe('parseCliArgs', () => {
  it('takes every option and the password from the environment', () => {
    const parsed = parseCliArgs(
      [
        'run',
        '--api',
        'http://10.0.0.5:8080',
        '--mqtt',
        'mqtt://10.0.0.5:1883',
        '--username',
        'nurse',
        '--devices',
        '25',
        '--interval-ms',
        '1000',
        '--seed',
        '7',
        '--desaturating',
        '0.5',
        '--duration-s',
        '30',
      ],
      { RPM_SIM_PASSWORD: 'secret-pass' },
    );
    expect(parsed).toEqual({
      command: 'run',
      options: {
        apiUrl: 'http://10.0.0.5:8080',
        mqttUrl: 'mqtt://10.0.0.5:1883',
        username: 'nurse',
        password: 'secret-pass',
        devices: 25,
        intervalMs: 1000,
        seed: 7,
        desaturatingShare: 0.5,
        durationS: 30,
        teamId: undefined,
      },
    });
  });

  it('prefers --password over the environment and fills defaults', () => {
    const parsed = parseCliArgs(['run', '--password', 'x'], { RPM_SIM_PASSWORD: 'y' });
    expect(parsed.command === 'run' && parsed.options).toMatchObject({
      password: 'x',
      devices: 10,
      intervalMs: 5000,
      seed: 1,
      desaturatingShare: 0.2,
      durationS: undefined,
    });
  });

  it.each([[[]], [['--help']], [['run', '-h']], [['help']]])('%j shows the help', (argv) => {
    expect(parseCliArgs(argv, {})).toEqual({ command: 'help' });
  });

  it('lists every problem at once', () => {
    const parsed = parseCliArgs(
      ['run', '--devices', '0', '--interval-ms', 'fast', '--desaturating', '2', '--mqtt', 'http://x', '--api', 'nope'],
      {},
    );
    expect(parsed.command).toBe('invalid');
    const problems = parsed.command === 'invalid' ? parsed.problems.join('\n') : '';
    for (const expected of ['password', '--devices', '--interval-ms', '--desaturating', '--mqtt', '--api'])
      expect(problems).toContain(expected);
  });

  it.each([[['walk', '--password', 'x']], [['run', '--bogus']]])('refuses %j', (argv) => {
    expect(parseCliArgs(argv, {}).command).toBe('invalid');
  });

  it('makes a cohort when a cohort option is given: mix, days (default: the backdating), speed, truth', () => {
    const parsed = parseCliArgs(['run', '--mix', 'stable=0.7,infection=0.3', '--backdate-days', '7', '--speed', '500'], {
      RPM_SIM_PASSWORD: 'p',
    });
    expect(parsed.command === 'run' && parsed.options.cohort).toEqual({
      mix: { stable: 0.7, infection: 0.3 },
      days: 7,
      backdateDays: 7,
      speed: 500,
      truthPath: 'rpm-sim-truth.jsonl',
    });
    const demo = parseCliArgs(['run'], { RPM_SIM_PASSWORD: 'p' });
    expect(demo.command === 'run' && demo.options.cohort).toBeUndefined();
  });

  it('lists every cohort problem at once', () => {
    const parsed = parseCliArgs(['run', '--mix', 'flu=0.1,infection=3', '--speed', '0.5', '--days', '400'], { RPM_SIM_PASSWORD: 'p' });
    const problems = parsed.command === 'invalid' ? parsed.problems.join('\n') : '';
    for (const expected of ['unknown scenario "flu"', 'share of infection', '--speed', '--days']) expect(problems).toContain(expected);
  });

  it('parses evaluate: the truth file is required, the password comes from the environment', () => {
    expect(parseCliArgs(['evaluate', '--truth', 'c.jsonl', '--json'], { RPM_SIM_PASSWORD: 'p' })).toEqual({
      command: 'evaluate',
      options: { truthPath: 'c.jsonl', apiUrl: 'http://127.0.0.1:8080', username: 'admin', password: 'p', json: true },
    });
    const missing = parseCliArgs(['evaluate'], {});
    expect(missing.command === 'invalid' && missing.problems.join('\n')).toMatch(/--truth[\s\S]*|password/);
    expect(missing.command === 'invalid' && missing.problems).toHaveLength(2);
  });

  it('parses provision: the fleet file and the password are required; --mix or --backdate-days make a cohort', () => {
    expect(parseCliArgs(['provision', '--fleet', 'f.json', '--devices', '3', '--mix', 'infection=0.5'], { RPM_SIM_PASSWORD: 'p' })).toEqual(
      {
        command: 'provision',
        options: {
          apiUrl: 'http://127.0.0.1:8080',
          username: 'admin',
          password: 'p',
          devices: 3,
          seed: 1,
          teamId: undefined,
          mix: { infection: 0.5, stable: 0.5 },
          backdateDays: 0,
          fleetPath: 'f.json',
        },
      },
    );
    const demo = parseCliArgs(['provision', '--fleet', 'f.json'], { RPM_SIM_PASSWORD: 'p' });
    expect(demo.command === 'provision' && demo.options.mix).toBeUndefined();
    const missing = parseCliArgs(['provision', '--speed', '3'], {});
    expect(missing.command === 'invalid' && missing.problems.join('\n')).toMatch(/password[\s\S]*--fleet FILE is required/);
    expect(missing.command === 'invalid' && missing.problems.join('\n')).toContain('--speed does not apply to "provision"');
  });

  it('parses replay: file and fleet required, exact by default, --shift-to-now for a fresh upload', () => {
    expect(parseCliArgs(['replay', '--file', 'r.jsonl', '--fleet', 'f.json', '--mqtt', 'mqtt://h:1883', '--shift-to-now'], {})).toEqual({
      command: 'replay',
      options: { filePath: 'r.jsonl', fleetPath: 'f.json', mqttUrl: 'mqtt://h:1883', shiftToNow: true, durationS: undefined },
    });
    const exact = parseCliArgs(['replay', '--file', 'r.jsonl', '--fleet', 'f.json'], {});
    expect(exact.command === 'replay' && exact.options.shiftToNow).toBe(false);
    const bad = parseCliArgs(['replay', '--devices', '3'], {});
    expect(bad.command === 'invalid' && bad.problems).toEqual([
      '--devices does not apply to "replay"',
      '--file RECORDING is required: a session written by "run --record"',
      '--fleet FILE is required: the fleet file of the recorded devices (their logins)',
    ]);
  });

  it('runs a fleet file without a password; who the patients are comes from the file', () => {
    const parsed = parseCliArgs(['run', '--fleet', 'f.json', '--record', 'r.jsonl'], {});
    expect(parsed.command === 'run' && parsed.options).toMatchObject({ fleetPath: 'f.json', recordPath: 'r.jsonl', cohort: undefined });
    const conflicting = parseCliArgs(['run', '--fleet', 'f.json', '--devices', '5', '--mix', 'stable=1', '--shift-to-now'], {});
    expect(conflicting.command === 'invalid' && conflicting.problems).toEqual([
      '--shift-to-now does not apply to "run"',
      '--devices comes from the fleet file: leave it out with --fleet',
      '--mix comes from the fleet file: leave it out with --fleet',
    ]);
  });
});
