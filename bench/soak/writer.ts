import { decodeGlobalID, encodeGlobalID } from '@pothos/plugin-relay';
import type { Random } from '../random.js';
import type { Answer, GraphQLClient } from './client.js';
import {
  CLAIM_VERSIONS,
  IMPORT_SOURCE,
  MERGE_CLAIMS,
  RECORD_CLAIM,
  RETRACT_CLAIM,
  SET_CLAIM_STANCE,
  SOURCE_CLAIMS,
  UPDATE_CLAIM,
} from './documents.js';
import type { AcknowledgedData, LedgerEntry, WriteKind, WriteOutcome, WriteRequest } from './ledger.js';
import type { Tally } from './tally.js';
import { dayOf, type SoakWorld, STANCE_CHOICES } from './world.js';

/** How often each kind of write is drawn, where the writer knows claims to write on. */
const WEIGHTS: Record<Exclude<WriteKind, 'importSource'>, number> = {
  recordClaim: 0.2,
  updateClaim: 0.2,
  setClaimStance: 0.15,
  retractClaim: 0.06,
  mergeClaims: 0.06,
};

/** The share of bundles and claims sent wrong on purpose, to be refused. */
const INVALID = 0.05;

interface KnownClaim {
  id: number;
  key: string;
  /** The version last seen: a write at it may meet a ConflictError, as a real client's would. */
  version: number;
  retracted: boolean;
}

const DOCUMENTS: Record<WriteKind, string> = {
  importSource: IMPORT_SOURCE,
  recordClaim: RECORD_CLAIM,
  updateClaim: UPDATE_CLAIM,
  setClaimStance: SET_CLAIM_STANCE,
  retractClaim: RETRACT_CLAIM,
  mergeClaims: MERGE_CLAIMS,
};

const claimGlobalId = (id: number) => encodeGlobalID('Claim', id);
const claimIdOf = (globalId: string) => Number(decodeGlobalID(globalId).id);

/**
 * One desk with its own API key, writing one request at a time until the deadline: bundles that overlap with the
 * other desks' on the world's stories, claims of its own, and corrections, stances, retractions and merges of any
 * claim it has come to know (from its answers and from looking up its sources). Every write goes in its ledger with
 * what the server said.
 */
export class Writer {
  readonly ledger: LedgerEntry[] = [];
  private readonly known = new Map<number, KnownClaim>();
  private readonly storyIds = new Map<string, string>();
  private bundles = 0;
  private records = 0;

  constructor(
    readonly name: string,
    private readonly client: GraphQLClient,
    private readonly world: SoakWorld,
    private readonly random: Random,
    private readonly tally: Tally,
  ) {}

  async run(until: number): Promise<void> {
    while (performance.now() < until) await this.step();
  }

  private async step(): Promise<void> {
    const kind = this.known.size === 0 ? 'importSource' : this.random.weighted(WEIGHTS, 'importSource' as const);
    const request = await this.requestOf(kind);
    if (request) await this.write(request);
  }

  /** The next write of a kind, or null where the writer found nothing to write it on. */
  private async requestOf(kind: WriteKind): Promise<WriteRequest | null> {
    const sequence = this.ledger.length + 1;
    const invalid = this.random.chance(INVALID);
    switch (kind) {
      case 'importSource':
        this.bundles += 1;
        return {
          kind,
          bundle: this.world.bundle(this.name, this.bundles, this.random, this.storyIds, invalid),
        };
      case 'recordClaim': {
        this.records += 1;
        const speaker = invalid ? `${this.world.run}-nobody` : this.random.pick(this.world.speakers);
        return {
          kind,
          sourceUrl: this.world.deskUrl(this.name),
          claim: {
            key: `${this.world.run}-${this.name}-record-${this.records}`,
            text: `Claim ${this.records} recorded by ${this.name}`,
            mode: 'DIRECT_QUOTE',
            medium: 'INTERVIEW',
            speakers: [speaker],
            saidOn: { value: dayOf(this.random.int(0, 300)) },
            stances: [{ proposition: this.random.pick(this.world.propositions), stance: this.pickStance() }],
          },
        };
      }
      case 'updateClaim': {
        const [claim] = await this.current(1, this.random.chance(0.7));
        if (!claim) return null;
        const text = invalid ? ' ' : `${claim.key}, corrected by ${this.name} in write ${sequence}`;
        return {
          kind,
          claimId: claim.id,
          expectedVersion: claim.version,
          changes: { text, ...(this.random.chance(0.3) ? { saidOn: { value: dayOf(this.random.int(0, 300)) } } : {}) },
        };
      }
      case 'setClaimStance': {
        const claim = this.random.pick([...this.known.values()]);
        const stance = this.random.chance(0.15) ? null : this.pickStance();
        return { kind, claimId: claim.id, proposition: this.random.pick(this.world.propositions), stance };
      }
      case 'retractClaim': {
        const claim = this.random.pick([...this.known.values()]);
        return { kind, claimId: claim.id, reason: `Retracted by ${this.name} in write ${sequence}` };
      }
      case 'mergeClaims': {
        const [keep, merge] = await this.current(2, this.random.chance(0.9));
        if (!keep || !merge) return null;
        return {
          kind,
          keep: keep.id,
          merge: merge.id,
          expectedVersions: { keep: keep.version, merge: merge.version },
        };
      }
    }
  }

  private pickStance() {
    return this.random.pick(STANCE_CHOICES);
  }

  /**
   * `count` different claims the writer knows, unretracted as far as it knows; `fresh`: as they are now, looked up
   * (claims found gone are forgotten). Fewer where it knows fewer.
   */
  private async current(count: number, fresh: boolean): Promise<KnownClaim[]> {
    const candidates = [...this.known.values()].filter((claim) => !claim.retracted);
    const chosen = new Set<KnownClaim>();
    while (chosen.size < Math.min(count, candidates.length)) chosen.add(this.random.pick(candidates));
    if (!fresh || chosen.size < count) return [...chosen];
    const ids = [...chosen].map((claim) => claimGlobalId(claim.id));
    const answer = await this.client.send(CLAIM_VERSIONS, { ids });
    if (this.tally.record('lookupClaims', answer).length > 0) return [];
    const nodes = answer.body!.data!.nodes as ({
      id: string;
      key: string;
      version: number;
      retracted: boolean;
    } | null)[];
    const found: KnownClaim[] = [];
    nodes.forEach((node, index) => {
      const claim = [...chosen][index]!;
      if (!node) this.known.delete(claim.id);
      else found.push(this.learn(node));
    });
    return found.length === count ? found : [];
  }

  private learn(node: { id: string; key: string; version: number; retracted: boolean }): KnownClaim {
    const claim = { id: claimIdOf(node.id), key: node.key, version: node.version, retracted: node.retracted };
    this.known.set(claim.id, claim);
    if (this.world.stories.some((story) => story.key === node.key)) this.storyIds.set(node.key, node.id);
    return claim;
  }

  private async write(request: WriteRequest): Promise<void> {
    const answer = await this.client.send(DOCUMENTS[request.kind], variablesOf(request));
    const outcome = outcomeOf(request.kind, answer);
    this.tally.record(request.kind, answer, outcome.kind === 'refused' ? outcome.code : undefined);
    this.ledger.push({ writer: this.name, sequence: this.ledger.length + 1, request, outcome });
    if (outcome.kind === 'acknowledged') await this.afterAcknowledged(request, outcome.data);
    if (outcome.kind === 'refused' && outcome.typename === 'NotFoundError') this.forgetNamed(request);
  }

  /** What the writer learns from a write that succeeded. */
  private async afterAcknowledged(request: WriteRequest, data: AcknowledgedData): Promise<void> {
    if (request.kind === 'importSource') {
      const answer = await this.client.send(SOURCE_CLAIMS, { url: request.bundle.source.url });
      if (this.tally.record('lookupSourceClaims', answer).length > 0) return;
      const source = answer.body!.data!.source as {
        claims: { edges: { node: { id: string; key: string; version: number; retracted: boolean } }[] };
      } | null;
      for (const { node } of source?.claims.edges ?? []) this.learn(node);
      return;
    }
    if (request.kind === 'mergeClaims') this.known.delete(request.merge);
    const claim = data.claimId === undefined ? undefined : this.known.get(data.claimId);
    if (request.kind === 'recordClaim' && data.claimId !== undefined) {
      this.known.set(data.claimId, {
        id: data.claimId,
        key: request.claim.key!,
        version: data.version!,
        retracted: false,
      });
    } else if (claim) {
      claim.version = data.version!;
      if (request.kind === 'retractClaim') claim.retracted = true;
    }
  }

  private forgetNamed(request: WriteRequest): void {
    if ('claimId' in request) this.known.delete(request.claimId);
    if (request.kind === 'mergeClaims') {
      this.known.delete(request.keep);
      this.known.delete(request.merge);
    }
  }
}

function variablesOf(request: WriteRequest): Record<string, unknown> {
  switch (request.kind) {
    case 'importSource':
      return { input: request.bundle };
    case 'recordClaim':
      return { sourceUrl: request.sourceUrl, claim: request.claim };
    case 'updateClaim':
      return { id: claimGlobalId(request.claimId), expectedVersion: request.expectedVersion, changes: request.changes };
    case 'setClaimStance':
      return { claim: claimGlobalId(request.claimId), proposition: request.proposition, stance: request.stance };
    case 'retractClaim':
      return { id: claimGlobalId(request.claimId), reason: request.reason };
    case 'mergeClaims':
      return {
        keep: claimGlobalId(request.keep),
        merge: claimGlobalId(request.merge),
        expectedVersions: request.expectedVersions,
      };
  }
}

/** The ledger's reading of an answer: acknowledged with its data, refused with its typed error, or failed. */
function outcomeOf(kind: WriteKind, answer: Answer): WriteOutcome {
  const result = answer.body?.data?.[kind] as
    | { __typename: string; code?: string; message?: string; data?: Record<string, unknown> }
    | undefined;
  if (answer.status !== 200 || answer.body?.errors?.length || !result) {
    const error = answer.body?.errors?.[0];
    return {
      kind: 'failed',
      code: answer.transportError ? 'NETWORK_ERROR' : (error?.extensions?.code ?? `HTTP_${answer.status}`),
      status: answer.status,
      requestId: answer.requestId,
    };
  }
  if (result.code !== undefined) {
    return { kind: 'refused', typename: result.__typename, code: result.code, message: result.message ?? '' };
  }
  const data = result.data!;
  if (kind === 'importSource') return { kind: 'acknowledged', data: { summary: data as AcknowledgedData['summary'] } };
  return {
    kind: 'acknowledged',
    data: { claimId: claimIdOf(data.id as string), version: data.version as number },
  };
}
