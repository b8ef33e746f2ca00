import type { AlertService } from './alert-service.ts';

/** Runs the alert sweep (escalation, snooze expiry) on a timer; start() / close() like every other part. */
export class AlertSweeper {
  private readonly alerts: AlertService;
  private readonly intervalMs: number;
  private readonly onError: (error: unknown) => void;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(alerts: AlertService, intervalMs: number, onError: (error: unknown) => void) {
    this.alerts = alerts;
    this.intervalMs = intervalMs;
    this.onError = onError;
  }

  start(): void {
    this.timer = setInterval(() => {
      this.running ??= this.alerts
        .sweep()
        .catch(this.onError)
        .finally(() => (this.running = undefined));
    }, this.intervalMs);
    this.timer.unref();
  }

  async close(): Promise<void> {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }
}
