/** Console output shared by the CLI's commands (the only files of the simulators that write to the console). */
import process from 'node:process';
import type { SimLogger } from './logger.ts';

const line = (obj: object, msg?: string): string => `${msg ?? ''} ${Object.keys(obj).length > 0 ? JSON.stringify(obj) : ''}`.trim();

/**
 * Progress output: on a terminal one line rewritten in place (log lines print above it); otherwise, e.g. in a
 * log file or CI, plain lines.
 */
export class ConsoleProgress {
  private readonly tty = process.stdout.isTTY;
  private current = '';

  readonly logger: SimLogger = {
    info: (obj, msg) => this.print(line(obj, msg), false),
    warn: (obj, msg) => this.print(`warning: ${line(obj, msg)}`, true),
    error: (obj, msg) => this.print(`error: ${line(obj, msg)}`, true),
  };

  /** Shows the progress line: rewritten on a terminal, appended otherwise. */
  update(text: string): void {
    if (!this.tty) {
      console.log(text);
      return;
    }
    this.current = text;
    process.stdout.write(`\r\x1b[K${text}`);
  }

  /** Prints a line above the progress line. */
  print(text: string, toStderr: boolean): void {
    if (this.tty && this.current !== '') process.stdout.write('\r\x1b[K');
    if (toStderr) console.error(text);
    else console.log(text);
    if (this.tty && this.current !== '') process.stdout.write(this.current);
  }

  /** Ends the progress line so later output starts on a fresh line. */
  done(): void {
    if (this.tty && this.current !== '') process.stdout.write('\n');
    this.current = '';
  }
}

/** Ctrl-C and SIGTERM abort the controller; a second Ctrl-C quits at once. Returns the function that removes them. */
export function onInterrupt(abort: AbortController, progress: ConsoleProgress): () => void {
  let interrupted = false;
  const onSignal = (): void => {
    if (interrupted) process.exit(130);
    interrupted = true;
    abort.abort();
    progress.print('stopping… (Ctrl-C again to quit at once)', true);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
}
