import type { EventInput, ParticipantInput } from '../bundle/source-bundle.js';
import { partialDateValues } from '../partial-date-values.js';

/** The events row of an event as a write or an import is given it. */
export function eventRow(event: EventInput) {
  return {
    slug: event.slug,
    title: event.title,
    kind: event.kind ?? null,
    description: event.description ?? null,
    location: event.location ?? null,
    ...partialDateValues('occurred', event.occurredOn),
    ...partialDateValues('ended', event.endedOn),
  };
}

/** The event_participants row of a participant, with the actor's id already looked up and its place among them. */
export function participantRow(eventId: number, actorId: number, participant: ParticipantInput, position: number) {
  return { eventId, actorId, role: participant.role ?? null, position };
}
