import type { ActorInput, RoleInput } from '../bundle/source-bundle.js';
import { partialDateValues } from '../partial-date-values.js';

/** The actors row of an actor as a write or an import is given it. */
export function actorRow(actor: ActorInput) {
  return {
    slug: actor.slug,
    name: actor.name,
    kind: actor.kind,
    description: actor.description ?? null,
    aliases: actor.aliases ?? [],
  };
}

/** The actor_roles row of an actor's role, with the organization's id already looked up and its place among them. */
export function roleRow(actorId: number, role: RoleInput, organizationId: number | null, position: number) {
  return {
    actorId,
    title: role.title,
    organizationId,
    ...partialDateValues('began', role.start),
    ...partialDateValues('ended', role.end),
    former: role.former ?? false,
    position,
  };
}
