/**
 * The tables whose every change the audit triggers record in `revisions` (drizzle/*_audit_trail,
 * drizzle/*_claim_reports_fill), by the columns that identify a row.
 */
export const AUDITED_TABLES: Record<string, readonly string[]> = {
  actors: ['id'],
  actor_roles: ['id'],
  actor_identifiers: ['scheme', 'value'],
  sources: ['id'],
  source_authors: ['source_id', 'actor_id'],
  source_identifiers: ['scheme', 'value'],
  propositions: ['id'],
  events: ['id'],
  event_participants: ['event_id', 'actor_id'],
  event_identifiers: ['scheme', 'value'],
  claims: ['id'],
  claim_speakers: ['claim_id', 'actor_id'],
  claim_stances: ['claim_id', 'proposition_id'],
  claim_events: ['claim_id', 'event_id'],
  claim_reports: ['id'],
  claim_translations: ['id'],
  claim_reviews: ['id'],
  claim_merges: ['merged_key'],
};

/** The row's identity in its table, as a string: the values of its key columns. */
export function rowKey(table: string, row: Record<string, unknown>): string {
  return JSON.stringify(AUDITED_TABLES[table]!.map((column) => row[column]));
}

/**
 * Columns that copy another table's, kept by a foreign key's cascade that records no revision of its own
 * (drizzle/*_claim_speakers_revisions_of_who_spoke): a speaker row's placed dates are its claim's. A replay of the
 * feed leaves them out, as a client that syncs would take them from the claim.
 */
export const DERIVED_COLUMNS: Record<string, readonly string[]> = {
  claim_speakers: ['placed_start', 'placed_end'],
};
