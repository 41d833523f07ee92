/** State variables of each population kind, in arena order (spike sources, grid and place cells have none; grid sheets: activity r and recurrent input). */
import { LIF_SECTIONS } from './lif';
import { GRID_SHEET_SECTIONS } from './grid-sheet';
import { RATE_SECTIONS } from './rate';

export function sectionNames(kind: 'lif' | 'rate' | 'source' | 'grid' | 'place' | 'gridSheet'): readonly string[] {
  return kind === 'lif' ? LIF_SECTIONS : kind === 'rate' ? RATE_SECTIONS : kind === 'gridSheet' ? GRID_SHEET_SECTIONS : [];
}
