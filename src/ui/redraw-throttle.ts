/**
 * Coalesces redraw requests: at most one draw per animation frame and at least
 * minMs between draws, so live data arriving faster than the screen can use it
 * (plots, the arena view) costs one draw.
 */
export class RedrawThrottle {
  private pending = false;
  private last = 0;

  constructor(private readonly draw: () => void, private readonly minMs: number) {}

  schedule(): void {
    if (this.pending) return;
    this.pending = true;
    const wait = Math.max(0, this.minMs - (performance.now() - this.last));
    setTimeout(() => requestAnimationFrame(() => {
      this.pending = false;
      this.last = performance.now();
      this.draw();
    }), wait);
  }
}
