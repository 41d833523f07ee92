// Scenarios: dotted-path patches address array elements by id.
import { describe, expect, it } from 'vitest';
import { getPath, parsePatchValue, setPath } from '../../src/scenario/patch';
import { shippedDocument } from '../../src/scenario/registry';

describe('dotted paths', () => {
  const doc = shippedDocument('ei-network');
  it('set by id without touching the original', () => {
    const next = setPath(doc, 'populations.E.tauNmdaDecay', 0.05);
    expect(getPath(next, 'populations.E.tauNmdaDecay')).toBe(0.05);
    expect(() => getPath(doc, 'populations.E.tauNmdaDecay')).toThrow(/no such field/);
    expect(getPath(next, 'projections.IE.connectivity.k')).toBe(20);
    expect(getPath(next, 'populations.1.id')).toBe('I');
  });
  it('name the missing part of a bad path', () => {
    expect(() => setPath(doc, 'populations.X.n', 3)).toThrow('populations.X: no element with this id');
    expect(() => setPath(doc, 'populations.X.n.q', 3)).toThrow('populations.X: no element with this id');
    expect(() => setPath(doc, '__proto__.polluted', 1)).toThrow(/not a valid field path/);
    expect(() => setPath(doc, '', 1)).toThrow(/not a valid field path/);
  });
  it('create an optional section the document leaves out', () => {
    expect(getPath(setPath(doc, 'modulators.dopamineD1', 1.2), 'modulators.dopamineD1')).toBe(1.2);
  });
  it('parse CLI values', () => {
    expect(parsePatchValue('0.05')).toBe(0.05);
    expect(parsePatchValue('true')).toBe(true);
    expect(parsePatchValue('gaba')).toBe('gaba');
    expect(parsePatchValue('"7"')).toBe('7');
  });
});
