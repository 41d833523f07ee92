/** State variables of each population kind, in arena order (a spike source has none). */
import { LIF_SECTIONS } from './lif';
import { RATE_SECTIONS } from './rate';

export function sectionNames(kind: 'lif' | 'rate' | 'source'): readonly string[] {
  return kind === 'lif' ? LIF_SECTIONS : kind === 'rate' ? RATE_SECTIONS : [];
}
