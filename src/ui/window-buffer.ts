/**
 * A sliding time window of samples for live plots: appends in time order and
 * drops what is older than the keep window, so long sessions do not grow memory.
 */
export class WindowBuffer {
  private t: number[] = [];
  private rows: number[][] = [];
  private start = 0;

  constructor(private readonly keepSeconds: number) {}

  push(t: number, row: number[]): void {
    this.t.push(t);
    this.rows.push(row);
  }

  /** Drops samples before latest − keep; compacts the arrays now and then. */
  trim(latest: number): void {
    while (this.start < this.t.length && this.t[this.start]! < latest - this.keepSeconds) this.start++;
    if (this.start > 4096 && this.start > this.t.length / 2) {
      this.t = this.t.slice(this.start);
      this.rows = this.rows.slice(this.start);
      this.start = 0;
    }
  }

  get length(): number {
    return this.t.length - this.start;
  }

  /** Points {x: t, y: row[column]} for Chart.js (parsing off). */
  series(column: number): { x: number; y: number }[] {
    const out = new Array<{ x: number; y: number }>(this.length);
    for (let k = this.start; k < this.t.length; k++) out[k - this.start] = { x: this.t[k]!, y: this.rows[k]![column]! };
    return out;
  }

  /** Calls fn(t, row[column]) for every sample in time order, without building points. */
  forEach(column: number, fn: (t: number, y: number) => void): void {
    for (let k = this.start; k < this.t.length; k++) fn(this.t[k]!, this.rows[k]![column]!);
  }

  /** The newest row (empty when there is none). */
  latestRow(): readonly number[] {
    return this.rows.at(-1) ?? [];
  }

  clear(): void {
    this.t = [];
    this.rows = [];
    this.start = 0;
  }
}
