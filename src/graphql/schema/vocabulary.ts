import { ACTOR_KINDS, CLAIM_MODES, DATE_PRECISIONS, MEDIA, SOURCE_KINDS, STANCES } from '../../db/vocabulary.js';
import { builder } from '../builder.js';

export const ActorKind = builder.enumType('ActorKind', { values: ACTOR_KINDS });
export const SourceKind = builder.enumType('SourceKind', { values: SOURCE_KINDS });
export const ClaimMode = builder.enumType('ClaimMode', {
  values: {
    DIRECT_QUOTE: { description: "The speaker's words, quoted in full." },
    PARTIAL_QUOTE: { description: "Part of the speaker's words, quoted within the reporter's sentence." },
    PARAPHRASE: { description: "The speaker's point in the reporter's words." },
    CHARACTERIZATION: { description: "The reporter's account of the speaker's view, not of particular words." },
  } satisfies Record<(typeof CLAIM_MODES)[number], unknown>,
});
export const Medium = builder.enumType('Medium', { values: MEDIA });
export const Stance = builder.enumType('Stance', { values: STANCES });
export const DatePrecision = builder.enumType('DatePrecision', { values: DATE_PRECISIONS });
