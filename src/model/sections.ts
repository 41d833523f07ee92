/** State variables of each population kind, in arena order (spike sources and grid cells have none). */
import { LIF_SECTIONS } from './lif';
import { RATE_SECTIONS } from './rate';

export function sectionNames(kind: 'lif' | 'rate' | 'source' | 'grid'): readonly string[] {
  return kind === 'lif' ? LIF_SECTIONS : kind === 'rate' ? RATE_SECTIONS : [];
}
