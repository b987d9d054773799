import type { BundleInput } from '../source-bundle.js';

/** Bundles as NDJSON: one JSON document a line. */
export async function* ndjsonLines(bundles: AsyncIterable<BundleInput>): AsyncGenerator<string> {
  for await (const bundle of bundles) yield `${JSON.stringify(bundle)}\n`;
}

/**
 * Bundles as an NDJSON byte stream that reads the next bundle only when the reader asks for more (back-pressure),
 * and stops reading when the reader goes away.
 */
export function ndjsonStream(bundles: AsyncGenerator<BundleInput>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const next = await bundles.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(`${JSON.stringify(next.value)}\n`));
      },
      async cancel() {
        await bundles.return(undefined);
      },
    },
    { highWaterMark: 1 },
  );
}
