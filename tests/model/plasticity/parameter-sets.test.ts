// Published parameter sets, checked value by value against their sources (see src/model/plasticity/parameter-sets.ts).
import { describe, expect, it } from 'vitest';
import {
  BCM_DEFAULT, GB2012_CORTICAL_SLICES, GB2012_DP, GB2012_HIPPOCAMPAL_CULTURES, GB2012_HIPPOCAMPAL_SLICES, LUBOEINSKI2021,
  PFISTER2006_HIPPOCAMPAL_ALL_TO_ALL_MINIMAL, PFISTER2006_VISUAL_ALL_TO_ALL_FULL, PFISTER2006_VISUAL_ALL_TO_ALL_MINIMAL,
  PFISTER2006_VISUAL_NEAREST_MINIMAL, SONG2000,
} from '../../../src/model/plasticity';

describe('Graupner & Brunel 2012 (mgraupe/CalciumBasedPlasticityModel, synapticChange.py)', () => {
  it('DP set', () => {
    expect(GB2012_DP).toEqual({
      tauCa: 0.02, cPre: 1, cPost: 2, thetaD: 1, thetaP: 1.3, gammaD: 200, gammaP: 321.808,
      sigma: 2.8284, tau: 150, rhoStar: 0.5, delay: 0.0137, beta: 0.5, b: 5,
    });
  });
  it('DP set: same rates as the C++ simulation parameters (τ = 3 s, dephos 4, phos 6.43616, σ 0.4)', () => {
    expect(GB2012_DP.gammaD / GB2012_DP.tau).toBeCloseTo(4 / 3, 10);
    expect(GB2012_DP.gammaP / GB2012_DP.tau).toBeCloseTo(6.43616 / 3, 6);
    expect(GB2012_DP.sigma / Math.sqrt(GB2012_DP.tau)).toBeCloseTo(0.4 / Math.sqrt(3), 4);
  });
  it('cortical slices set (Sjöström et al. 2001)', () => {
    expect(GB2012_CORTICAL_SLICES).toEqual({
      tauCa: 0.0226936, cPre: 0.5617539, cPost: 1.23964, thetaD: 1, thetaP: 1.3, gammaD: 331.909, gammaP: 725.085,
      sigma: 3.3501, tau: 346.3615, rhoStar: 0.5, delay: 0.0046098, beta: 0.5, b: 5.40988,
    });
  });
  it('hippocampal sets', () => {
    expect(GB2012_HIPPOCAMPAL_SLICES.tauCa).toBe(0.0488373);
    expect(GB2012_HIPPOCAMPAL_SLICES.cPost).toBe(0.275865);
    expect(GB2012_HIPPOCAMPAL_SLICES.gammaP).toBe(1645.59);
    expect(GB2012_HIPPOCAMPAL_SLICES.tau).toBe(688.355);
    expect(GB2012_HIPPOCAMPAL_SLICES.beta).toBe(0.7);
    expect(GB2012_HIPPOCAMPAL_CULTURES.b).toBe(36.0263);
    expect(GB2012_HIPPOCAMPAL_CULTURES.delay).toBe(0.01);
  });
});

describe('Song, Miller & Abbott 2000', () => {
  it('pair STDP and the LIF neuron', () => {
    expect(SONG2000.stdp).toEqual({ tauPlus: 0.02, tauMinus: 0.02, aPlus: 0.005, aMinus: 0.00525 });
    expect(SONG2000.stdp.aMinus / SONG2000.stdp.aPlus).toBeCloseTo(1.05, 12);
    expect(SONG2000.gMax).toBe(0.015);
    expect(SONG2000.gIn).toBe(0.05);
    expect([SONG2000.nExcitatory, SONG2000.nInhibitory, SONG2000.inhibitoryRate]).toEqual([1000, 200, 10]);
    expect(SONG2000.neuron).toEqual({ tauM: 0.02, vRest: -70, vThreshold: -54, vReset: -60, eEx: 0, eIn: -70, tauEx: 0.005, tauIn: 0.005 });
  });
});

describe('Pfister & Gerstner 2006', () => {
  it('visual cortex minimal sets and τ±', () => {
    for (const s of [PFISTER2006_VISUAL_ALL_TO_ALL_MINIMAL, PFISTER2006_VISUAL_NEAREST_MINIMAL, PFISTER2006_VISUAL_ALL_TO_ALL_FULL]) {
      expect([s.tauPlus, s.tauMinus]).toEqual([0.0168, 0.0337]);
    }
    expect(PFISTER2006_VISUAL_ALL_TO_ALL_MINIMAL).toMatchObject({ a2Plus: 0, a3Plus: 6.5e-3, a2Minus: 7.1e-3, a3Minus: 0, tauY: 0.114 });
    expect(PFISTER2006_VISUAL_NEAREST_MINIMAL).toMatchObject({ a2Plus: 0, a3Plus: 5e-2, a2Minus: 8e-3, a3Minus: 0, tauY: 0.04 });
    expect(PFISTER2006_VISUAL_ALL_TO_ALL_FULL).toMatchObject({ a2Plus: 5e-10, a3Plus: 6.2e-3, a2Minus: 7e-3, a3Minus: 2.3e-4, tauX: 0.101, tauY: 0.125 });
    expect(PFISTER2006_HIPPOCAMPAL_ALL_TO_ALL_MINIMAL).toMatchObject({ a2Plus: 5.3e-3, a3Plus: 8e-3, a2Minus: 3.5e-3, a3Minus: 0, tauY: 0.04 });
  });
});

describe('Luboeinski & Tetzlaff 2021 (jlubo/memory-consolidation-stc, Network.cpp)', () => {
  it('early phase from Graupner & Brunel hippocampal slices, thresholds from Li et al. 2016', () => {
    expect(LUBOEINSKI2021).toMatchObject({
      tauCa: 0.0488, cPre: 1, cPost: 0.2758, delay: 0.0188, thetaP: 3, thetaD: 1.2, gammaP: 1645.6, gammaD: 313.1,
      tauH: 688.4, hMax: 10, tauP: 3600, alpha: 1, tauZ: 3600, zMax: 1, zMin: -0.5,
    });
  });
  it('derived values: h0 = 5 γp/(γp+γd) mV, σ = 9.1844/√1000 × 10 mV, θtag = 0.2 h0, θpro = 0.5 h0', () => {
    expect(LUBOEINSKI2021.h0).toBeCloseTo(4.20075, 4);
    expect(LUBOEINSKI2021.sigma).toBeCloseTo(2.9044, 4);
    expect(LUBOEINSKI2021.thetaTag / LUBOEINSKI2021.h0).toBeCloseTo(0.2, 12);
    expect(LUBOEINSKI2021.thetaPro / LUBOEINSKI2021.h0).toBeCloseTo(0.5, 12);
    expect(LUBOEINSKI2021.hMax / LUBOEINSKI2021.h0).toBeCloseTo(2.3805, 4);
  });
});

describe('BCM defaults', () => {
  it('are in the stable regime for inputs up to 30 Hz (τθ η x² y0 < 1)', () => {
    expect(BCM_DEFAULT.tauTheta * BCM_DEFAULT.eta * 30 * 30 * BCM_DEFAULT.y0).toBeLessThan(1);
  });
});
