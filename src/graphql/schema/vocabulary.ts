import {
  ACTOR_KINDS,
  type ATTRIBUTION_STATUSES,
  CLAIM_MODES,
  DATE_PRECISIONS,
  MEDIA,
  SOURCE_KINDS,
  STANCES,
} from '../../db/vocabulary.js';
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
export const AttributionStatus = builder.enumType('AttributionStatus', {
  description: 'Whether a claim was really said by whom it is attributed to.',
  values: {
    REPORTED: { description: 'A source says so, and no more is known: the default.' },
    VERIFIED: { description: 'Checked against a recording or transcript, the evidence.' },
    DISPUTED: { description: 'Denied by the speaker or contested: the evidence says by whom.' },
    MISATTRIBUTED: {
      description: "Shown to be someone else's words or never said; it counts towards no position.",
    },
  } satisfies Record<(typeof ATTRIBUTION_STATUSES)[number], unknown>,
});
