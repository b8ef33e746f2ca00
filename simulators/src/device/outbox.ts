export interface OutboxEntry {
  readonly seq: number;
  /** the encoded message, kept as sent so a resend is identical */
  readonly payload: string;
  /** handed to the MQTT client, awaiting PUBACK */
  inFlight: boolean;
  /** when it was first handed to the MQTT client, epoch ms (real time); undefined before */
  sentAtMs?: number;
}

/**
 * Messages a device has measured and not yet had acknowledged. A message leaves only on PUBACK: at that point
 * ownership passes to the platform (ARCHITECTURE §4). Oldest first, so a backlog after an outage goes out in order.
 * Bounded like a real device's storage: when full, the oldest waiting message makes room for the newest.
 */
export class Outbox {
  private readonly entries = new Map<number, OutboxEntry>();
  private readonly capacity: number;
  private inFlightCount = 0;

  constructor(capacity: number) {
    this.capacity = capacity;
  }

  /** messages not yet acknowledged (waiting and in flight) */
  get size(): number {
    return this.entries.size;
  }

  get inFlight(): number {
    return this.inFlightCount;
  }

  /** Adds a message; returns how many messages were discarded to make room (0 unless full). */
  add(seq: number, payload: string): number {
    let discarded = 0;
    if (this.entries.size >= this.capacity) {
      const oldestWaiting = this.firstWaiting();
      if (oldestWaiting === undefined) return 1; // everything is in flight: the new message cannot be kept
      this.entries.delete(oldestWaiting.seq);
      discarded = 1;
    }
    this.entries.set(seq, { seq, payload, inFlight: false });
    return discarded;
  }

  /** The oldest message waiting to be sent, now marked in flight; undefined when none waits. */
  takeNext(): OutboxEntry | undefined {
    const entry = this.firstWaiting();
    if (entry === undefined) return undefined;
    entry.inFlight = true;
    this.inFlightCount++;
    return entry;
  }

  /** PUBACK received: the message is the platform's now. Returns false for an unknown (already acknowledged) seq. */
  acknowledge(seq: number): boolean {
    const entry = this.entries.get(seq);
    if (entry === undefined) return false;
    if (entry.inFlight) this.inFlightCount--;
    this.entries.delete(seq);
    return true;
  }

  /** The send failed without PUBACK: the message waits to be sent again. */
  release(seq: number): void {
    const entry = this.entries.get(seq);
    if (entry === undefined || !entry.inFlight) return;
    entry.inFlight = false;
    this.inFlightCount--;
  }

  get(seq: number): OutboxEntry | undefined {
    return this.entries.get(seq);
  }

  /** seqs of every message not yet acknowledged, oldest first */
  seqs(): number[] {
    return [...this.entries.keys()];
  }

  private firstWaiting(): OutboxEntry | undefined {
    for (const entry of this.entries.values()) if (!entry.inFlight) return entry;
    return undefined;
  }
}
