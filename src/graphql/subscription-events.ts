import type { FeedPosition } from '../db/change-feed.js';
import { badInput } from './bad-input.js';

/**
 * Where a subscription's event sits in the change feed, sent as its SSE id: the change it came of and, where one
 * change makes several events (a shift of each speaker), how many of them came before it. It reads as a `changes`
 * cursor (`Change:<commit>:<id>`), with `:<n>` after it for the later events of one change.
 */
export interface EventPosition extends FeedPosition {
  /** Events of this change sent before this one. */
  index?: number;
}

export function encodeEventId(position: EventPosition): string {
  return btoa(`Change:${position.commit}:${position.id}${position.index ? `:${position.index}` : ''}`);
}

/** The Last-Event-ID a client sent back, or BAD_USER_INPUT naming it. */
export function decodeEventId(eventId: string): EventPosition {
  const refuse = () => badInput(`Last-Event-ID: "${eventId}" is not an event id of this feed`);
  let decoded: string;
  try {
    decoded = atob(eventId);
  } catch {
    throw refuse();
  }
  const [label, ...numbers] = decoded.split(':');
  const valid = (value: string) => /^\d{1,16}$/.test(value) && Number(value) <= Number.MAX_SAFE_INTEGER;
  if (label !== 'Change' || numbers.length < 2 || numbers.length > 3 || !numbers.every(valid)) throw refuse();
  const [commit, id, index] = numbers.map(Number) as [number, number, number | undefined];
  return { commit, id, ...(index ? { index } : {}) };
}

/** The id of the event a subscription's resolver is answering now, by request context: for the SSE writer. */
const currentEventIds = new WeakMap<object, string>();

export function setCurrentEventId(context: object, eventId: string): void {
  currentEventIds.set(context, eventId);
}

export function currentEventId(context: object): string | undefined {
  return currentEventIds.get(context);
}
