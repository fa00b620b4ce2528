import { Rng } from '../../src/index.js';

/** `count` seeded uniform numbers in [0, 1). */
export function uniforms(count: number, seed: number): Float64Array {
  const rng = new Rng(`uniforms-${seed}`);
  return Float64Array.from({ length: count }, () => rng.uniform());
}
