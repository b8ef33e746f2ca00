/** Min-heap of (time, owner) for the tick: a patient is looked at only when something of theirs is due. */
export class DueQueue<T> {
  private readonly times: number[] = [];
  private readonly owners: T[] = [];

  get size(): number {
    return this.times.length;
  }

  peekTime(): number {
    return this.times[0] ?? Infinity;
  }

  push(at: number, owner: T): void {
    const times = this.times;
    const owners = this.owners;
    let i = times.length;
    times.push(at);
    owners.push(owner);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pt = times[parent] ?? -Infinity;
      if (pt <= at) break;
      times[i] = pt;
      owners[i] = owners[parent] as T;
      i = parent;
    }
    times[i] = at;
    owners[i] = owner;
  }

  /** Removes and returns the earliest owner (call only when size > 0). */
  pop(): T {
    const times = this.times;
    const owners = this.owners;
    const top = owners[0] as T;
    const lastTime = times.pop() ?? Infinity;
    const lastOwner = owners.pop() as T;
    const n = times.length;
    if (n > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const r = l + 1;
        const c = r < n && (times[r] ?? Infinity) < (times[l] ?? Infinity) ? r : l;
        if ((times[c] ?? Infinity) >= lastTime) break;
        times[i] = times[c] ?? Infinity;
        owners[i] = owners[c] as T;
        i = c;
      }
      times[i] = lastTime;
      owners[i] = lastOwner;
    }
    return top;
  }
}
