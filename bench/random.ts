import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';

type Generator = ReturnType<typeof xoroshiro128plus>;

/** A seeded stream of random choices (pure-rand's xoroshiro128+): the same seed and stream name, the same choices. */
export class Random {
  private readonly rng: Generator;

  constructor(seed: number, stream: string) {
    // Each part of the archive draws from a stream of its own, so that changing one part leaves the others as they were.
    let hash = seed | 0;
    for (const char of stream) hash = (Math.imul(hash, 31) + char.charCodeAt(0)) | 0;
    this.rng = xoroshiro128plus(hash);
  }

  /** An integer from `from` to `to`, both included. */
  int(from: number, to: number): number {
    return uniformInt(this.rng, from, to);
  }

  /** A number in [0, 1). */
  float(): number {
    return uniformFloat64(this.rng);
  }

  chance(probability: number): boolean {
    return this.float() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(0, items.length - 1)]!;
  }

  /** One of the keys, each as likely as its weight (weights summing to 1 or less; the remainder goes to `otherwise`). */
  weighted<K extends string, O>(weights: Readonly<Record<K, number>>, otherwise: O): K | O {
    let draw = this.float();
    for (const [key, weight] of Object.entries(weights) as [K, number][]) {
      if (draw < weight) return key;
      draw -= weight;
    }
    return otherwise;
  }
}

/**
 * Draws ranks 0..n-1 with probability proportional to 1/(rank+1)^exponent: the first few ranks take most draws.
 * Binary search over the cumulative weights, so each draw costs log n.
 */
export class Zipf {
  private readonly cumulative: Float64Array;

  constructor(
    readonly n: number,
    exponent: number,
  ) {
    this.cumulative = new Float64Array(n);
    let total = 0;
    for (let rank = 0; rank < n; rank++) {
      total += 1 / Math.pow(rank + 1, exponent);
      this.cumulative[rank] = total;
    }
    for (let rank = 0; rank < n; rank++) this.cumulative[rank]! /= total;
  }

  draw(random: Random): number {
    const target = random.float();
    let low = 0;
    let high = this.n - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (this.cumulative[middle]! > target) high = middle;
      else low = middle + 1;
    }
    return low;
  }
}
