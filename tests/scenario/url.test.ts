// Scenarios: URL codec round trips and refuses malformed or hostile links with a clear message.
import { deflateSync, strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { ScenarioError } from '../../src/scenario/errors';
import { loadShipped, scenarioFromUrlState, shippedDocument, shippedIds } from '../../src/scenario/registry';
import { MAX_INFLATED, decodeUrlState, encodeUrlState } from '../../src/scenario/url';

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');
const message = (encoded: string) => {
  try {
    decodeUrlState(encoded);
  } catch (err) {
    expect(err).toBeInstanceOf(ScenarioError);
    return (err as Error).message;
  }
  throw new Error('expected the link to be refused');
};

describe('URL codec', () => {
  for (const id of shippedIds()) {
    it(`${id}: file → URL → file is unchanged`, () => {
      const doc = shippedDocument(id);
      const encoded = encodeUrlState({ scenario: doc });
      expect(encoded).toMatch(/^1\.[A-Za-z0-9_-]+$/);
      expect(decodeUrlState(encoded)).toEqual({ scenario: doc });
      expect(scenarioFromUrlState(decodeUrlState(encoded))).toEqual(loadShipped(id));
    });
  }

  it('carries a base id plus a patch', () => {
    const encoded = encodeUrlState({ base: 'ei-network', patch: { 'inputs.bgE.rate': 2000, seed: 5 } });
    const s = scenarioFromUrlState(decodeUrlState(encoded));
    expect(s.inputs.find((i) => i.id === 'bgE')!.rate).toBe(2000);
    expect(s.seed).toBe(5);
  });

  it('refuses malformed links, naming the problem', () => {
    expect(message('1.@@@')).toMatch(/not base64url/);
    expect(message('1.' + b64(strToU8('plain text, not deflate')))).toMatch(/compressed data is invalid/);
    expect(message('1.' + b64(deflateSync(strToU8('{"base": '))))).toMatch(/valid JSON/);
    expect(message('7.' + b64(deflateSync(strToU8('{}'))))).toMatch(/link format 7 is not supported/);
    expect(message('nodot')).toMatch(/no format version/);
    expect(message('1.' + b64(deflateSync(strToU8('[1,2]'))))).toMatch(/does not hold a scenario/);
    expect(message('1.' + 'A'.repeat(70000))).toMatch(/longer than/);
  });

  it('stops a decompression bomb before it expands', () => {
    const bomb = deflateSync(new Uint8Array(MAX_INFLATED * 20).fill(32));
    expect(bomb.length).toBeLessThan(10000);
    expect(message('1.' + b64(bomb))).toMatch(/expands beyond/);
  });

  it('refuses patches with non-scalar values and unknown bases', () => {
    expect(message('1.' + b64(deflateSync(strToU8(JSON.stringify({ base: 'ei-network', patch: { dt: { x: 1 } } })))))).toMatch(/link\.patch\.dt/);
    expect(() => scenarioFromUrlState({ base: 'nope' })).toThrow(/no shipped scenario "nope"/);
  });

  it('validates what a link carries like any scenario (text is data, never markup)', () => {
    const doc = shippedDocument('ei-network') as Record<string, unknown>;
    doc.title = '<img src=x onerror=alert(1)>';
    const s = scenarioFromUrlState(decodeUrlState(encodeUrlState({ scenario: doc })));
    expect(s.title).toBe('<img src=x onerror=alert(1)>'); // kept as a plain string; the UI renders text only
    doc.populations = [{ id: 'E', kind: 'lif', n: 1e9 }];
    expect(() => scenarioFromUrlState(decodeUrlState(encodeUrlState({ scenario: doc })))).toThrow(/populations\.E\.n/);
  });
});
