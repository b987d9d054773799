import { lexicographicSortSchema } from 'graphql';
import { builder } from '../builder.js';
import './actor.js';
import './agreement.js';
import './api-key.js';
import './attribution.js';
import './claim.js';
import './claim-review.js';
import './claim-translation.js';
import './errors.js';
import './event.js';
import './held-positions.js';
import './identifier.js';
import './position.js';
import './possible-duplicate.js';
import './proposition.js';
import './report.js';
import './revision.js';
import './search.js';
import './source.js';
import './spoken-claims.js';
import './subscription.js';
import './timeline.js';

builder.queryType({ authScopes: { reader: true } });
builder.mutationType({});

export const schema = lexicographicSortSchema(builder.toSchema());
