/** State variables of each population kind, in arena order (spike sources and grid cells have none; grid sheets: activity r and recurrent input). */
import { LIF_SECTIONS } from './lif';
import { GRID_SHEET_SECTIONS } from './grid-sheet';
import { RATE_SECTIONS } from './rate';

export function sectionNames(kind: 'lif' | 'rate' | 'source' | 'grid' | 'gridSheet'): readonly string[] {
  return kind === 'lif' ? LIF_SECTIONS : kind === 'rate' ? RATE_SECTIONS : kind === 'gridSheet' ? GRID_SHEET_SECTIONS : [];
}
