// Shared test fixtures for the spatial models.
/**
 * The "ideal grid" of the CINPLA spatial-maps test suite (tools.make_test_grid_rate_map):
 * 100 × 100 bins of 1 cm whose values are taken at the bins' lower-left corners
 * (x = 0, 0.01, …, 0.99 m), Gaussian fields (s.d. sigma, amplitude 5) on a
 * hexagonal lattice centred at (0.5, 0.5) m, grown three rings out, keeping
 * lattice points with both coordinates ≤ 1 + sigma (the reference checks the
 * upper bound only). Lattice vectors at orientation + k·60°.
 */
export function idealGridMap(spacing = 0.3, sigma = 0.05, orientation = 0): Float32Array {
  const n = 100, bin = 0.01;
  const pos: [number, number][] = [[0.5, 0.5]];
  const near = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-8 + 1e-5 * Math.abs(b); // numpy.isclose
  const addHex = (p0: [number, number]): void => {
    for (let i = 0; i < 6; i++) {
      const a = (i * Math.PI) / 3 + orientation;
      const p: [number, number] = [p0[0] + spacing * Math.cos(a), p0[1] + spacing * Math.sin(a)];
      if (!pos.some((q) => near(p[0], q[0]) && near(p[1], q[1])) && p[0] <= 1 + sigma && p[1] <= 1 + sigma) pos.push(p);
    }
  };
  addHex([0.5, 0.5]);
  for (let ring = 0; ring < 2; ring++) for (const p of [...pos]) addHex(p);
  const map = new Float32Array(n * n);
  for (let iy = 0; iy < n; iy++) {
    for (let ix = 0; ix < n; ix++) {
      let v = 0;
      for (const [px, py] of pos) v += 5 * Math.exp((-0.5 * ((ix * bin - px) ** 2 + (iy * bin - py) ** 2)) / sigma ** 2);
      map[iy * n + ix] = v;
    }
  }
  return map;
}
