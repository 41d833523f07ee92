/** Science-side references of the plasticity rules (parameter sets, analytic estimates, CPU integrators). */
export * from './parameter-sets';
export * from './graupner-brunel';
export * from './bcm';
export * from './stdp';
export * from './tagging-capture';
export { erf, Rng } from './math';
