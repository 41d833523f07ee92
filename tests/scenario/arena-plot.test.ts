// Arena plots (the arena view of a spatial scenario): an agent probe, an optional spikes or rateMap probe,
// fields only arena plots have; errors name the field.
import { describe, expect, it } from 'vitest';
import { shippedDocument } from '../../src/scenario/registry';
import { parseScenario } from '../../src/scenario/validate';

function withPlot(plot: Record<string, unknown>): unknown {
  const doc = structuredClone(shippedDocument('grid-cells')) as { plots: unknown[] };
  doc.plots = [plot];
  return doc;
}

const message = (doc: unknown): string => {
  try {
    parseScenario(doc);
    return '';
  } catch (err) {
    return (err as Error).message;
  }
};

describe('arena plots', () => {
  it('grid-cells ships one, reading the agent probe and the grid raster', () => {
    const s = parseScenario(shippedDocument('grid-cells'));
    expect(s.plots.find((p) => p.kind === 'arena')).toMatchObject({ probe: 'position', spikes: 'rasterG' });
  });

  it('accepts an arena plot without spikes, and with cells, gallery and binSize', () => {
    expect(message(withPlot({ kind: 'arena', probe: 'position' }))).toBe('');
    expect(message(withPlot({ kind: 'arena', probe: 'position', spikes: 'rasterG', cells: 64, gallery: 9, binSize: 0.05 }))).toBe('');
  });

  it('names the field of each mistake', () => {
    expect(message(withPlot({ kind: 'arena', probe: 'rasterG' }))).toMatch(/^plots\.rasterG.*agent probe/);
    expect(message(withPlot({ kind: 'arena', probe: 'position', spikes: 'rateG' }))).toMatch(/^plots\.position\.spikes.*no spikes probe "rateG"/);
    expect(message(withPlot({ kind: 'arena', probe: 'position', binSize: 2 }))).toMatch(/^plots\.position\.binSize.*exceeds the arena/);
    expect(message(withPlot({ kind: 'arena', probe: 'position', gallery: 65 }))).toMatch(/^plots\.0\.gallery/);
    expect(message(withPlot({ kind: 'raster', probe: 'rasterG', spikes: 'rasterG' }))).toMatch(/^plots\.rasterG\.spikes.*only arena plots/);
    expect(message(withPlot({ kind: 'raster', probe: 'rasterG', maps: 'rasterG' }))).toMatch(/^plots\.rasterG\.maps.*only arena plots/);
    expect(message(withPlot({ kind: 'arena', probe: 'position', maps: 'rasterG' }))).toMatch(/^plots\.position\.maps.*no rateMap probe "rasterG"/);
  });

  it('grid-attractor maps its sheet by a rateMap probe alone (rate units have no spikes)', () => {
    const s = parseScenario(shippedDocument('grid-attractor'));
    expect(s.plots.find((p) => p.kind === 'arena')).toMatchObject({ probe: 'position', maps: 'maps' });
    expect(message(withPlot({ kind: 'arena', probe: 'position', spikes: 'rasterG', maps: 'rateG' }))).toMatch(/^plots\.position\.maps.*not both/);
  });
});
