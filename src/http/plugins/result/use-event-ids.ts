import { isAsyncIterable, type Plugin } from 'graphql-yoga';
import { currentEventId } from '../../../graphql/subscription-events.js';

/** An event whose `data:` line ends with its result's event id, as onNext below puts it last. */
const EVENT_ID_AT_END = /(?:^|\n)data: .*"eventId":"([A-Za-z0-9+/=]+)"\}\}\n\n$/;

/**
 * Gives each event of a subscription its id, the change feed position it came of, twice: in the result's
 * extensions (eventId), for clients that do not read SSE ids (graphql-sse's), and as the SSE `id:` line yoga's
 * writer does not write, so that a browser's EventSource sends it back as Last-Event-ID when it reconnects. The
 * writer itself stays yoga's (its keep-alive pings, its event framing); the id line is put in before each `data:`
 * line that carries one.
 */
export function useEventIds(): Plugin {
  return {
    onSubscribe() {
      return {
        onSubscribeResult({ args }) {
          return {
            onNext({ result, setResult }) {
              const eventId = currentEventId(args.contextValue);
              if (eventId === undefined || !('data' in result) || result.data == null) return;
              setResult({ ...result, extensions: { ...result.extensions, eventId } });
            },
          };
        },
      };
    },
    onResultProcess({ request, result, resultProcessor, setResultProcessor }) {
      if (!resultProcessor || !isAsyncIterable(result)) return;
      if (!request.headers.get('accept')?.includes('text/event-stream')) return;
      setResultProcessor(async (processed, fetchAPI, acceptedMediaType) => {
        const response = await resultProcessor(processed, fetchAPI, acceptedMediaType);
        if (!response.body || !response.headers.get('content-type')?.startsWith('text/event-stream')) return response;
        const decoder = new fetchAPI.TextDecoder();
        const encoder = new fetchAPI.TextEncoder();
        // Whole events only (they end with a blank line): the stream's chunks need not follow them.
        let unfinished = '';
        const withIds = response.body.pipeThrough(
          new fetchAPI.TransformStream<Uint8Array, Uint8Array>({
            transform(chunk, controller) {
              const events = (unfinished + decoder.decode(chunk, { stream: true })).split(/(?<=\n\n)/);
              unfinished = events.at(-1)?.endsWith('\n\n') ? '' : (events.pop() ?? '');
              const text = events
                .map((event) => {
                  const eventId = EVENT_ID_AT_END.exec(event)?.[1];
                  return eventId ? `id: ${eventId}\n${event}` : event;
                })
                .join('');
              if (text) controller.enqueue(encoder.encode(text));
            },
          }),
        );
        return new fetchAPI.Response(withIds, { status: response.status, headers: response.headers });
      }, 'text/event-stream');
    },
  };
}
