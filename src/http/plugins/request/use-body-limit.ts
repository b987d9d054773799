import type { Plugin } from 'graphql-yoga';
import { errorResponse } from '../../error-response.js';

const MAX_REQUEST_BYTES = 1024 * 1024;

const tooLarge = () =>
  errorResponse(413, `A request body may hold at most ${MAX_REQUEST_BYTES} bytes`, { code: 'PAYLOAD_TOO_LARGE' });

/**
 * Refuses a POST whose body passes 1 MiB, however it is sent (declared or chunked), as soon as it passes, without
 * reading the rest. The request goes on with its body read, in hand.
 */
export function useBodyLimit(): Plugin {
  return {
    async onRequest({ request, setRequest, endResponse, fetchAPI }) {
      if (request.method !== 'POST') return;
      if (Number(request.headers.get('content-length') ?? 0) > MAX_REQUEST_BYTES) {
        endResponse(tooLarge());
        return;
      }
      const body = await readAtMost(request, MAX_REQUEST_BYTES);
      if (body === null) {
        endResponse(tooLarge());
        return;
      }
      setRequest(new fetchAPI.Request(request.url, { method: request.method, headers: request.headers, body }));
    },
  };
}

/** The body as text, or null as soon as it passes `limit` bytes. */
async function readAtMost(request: Request, limit: number): Promise<string | null> {
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return new TextDecoder().decode(bytes);
}
