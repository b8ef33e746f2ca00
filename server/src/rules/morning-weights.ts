/** The first morning weight of each recent local day, oldest first (weight-gain rules compare these). */
export class MorningWeights {
  /** local day numbers (localDay), ascending */
  readonly days: number[] = [];
  readonly kg: number[] = [];
  readonly at: number[] = [];
  readonly receivedAt: number[] = [];
  private readonly keepDays: number;

  /** @param keepDays the longest rule window plus one */
  constructor(keepDays: number) {
    this.keepDays = keepDays;
  }

  /**
   * Records a morning weight. A later weight on a day that has one is ignored; an earlier one replaces it (a late
   * upload of the true first weighing).
   * @returns whether the series changed
   */
  insert(day: number, kg: number, at: number, receivedAt: number): boolean {
    const days = this.days;
    let i = days.length;
    while (i > 0 && (days[i - 1] ?? 0) > day) i--;
    if (i > 0 && days[i - 1] === day) {
      if (at >= (this.at[i - 1] ?? -Infinity)) return false;
      this.kg[i - 1] = kg;
      this.at[i - 1] = at;
      this.receivedAt[i - 1] = receivedAt;
      return true;
    }
    const latest = days[days.length - 1] ?? day;
    if (day < latest - this.keepDays) return false; // older than any window: cannot matter
    days.splice(i, 0, day);
    this.kg.splice(i, 0, kg);
    this.at.splice(i, 0, at);
    this.receivedAt.splice(i, 0, receivedAt);
    const cutoff = (days[days.length - 1] ?? day) - this.keepDays;
    while (days.length > 0 && (days[0] ?? 0) < cutoff) {
      days.shift();
      this.kg.shift();
      this.at.shift();
      this.receivedAt.shift();
    }
    return true;
  }
}
