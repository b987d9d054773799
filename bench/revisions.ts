/** Who the archive's revisions name as having recorded its rows. */
export const ARCHIVIST = 'bench-archivist';

/**
 * The audit trail a newsroom archive would hold had every row gone through whosaid: one INSERT revision per row of
 * each audited table, as of when the row (or the entity it belongs to) was recorded, and one UPDATE revision per
 * retraction. The same rows as the triggers of drizzle/*_audit_trail write, set by set rather than row by row.
 */
export async function recordRevisions(exec: (sql: string) => Promise<void>): Promise<void> {
  const insert = (select: string) =>
    exec(
      `INSERT INTO revisions (entity_type, entity_id, table_name, action, changed_by, changed_at, before, after) ${select}`,
    );
  // A retracted claim was recorded unretracted, at version 1.
  const asRecorded = `CASE WHEN t.retracted_at IS NULL THEN to_jsonb(t) ELSE to_jsonb(t) || jsonb_build_object(
    'retracted_at', null, 'retraction_reason', null, 'version', 1, 'updated_at', t.created_at) END`;
  const entities: [entity: string, table: string, after: string][] = [
    ['Actor', 'actors', 'to_jsonb(t)'],
    ['Source', 'sources', 'to_jsonb(t)'],
    ['Proposition', 'propositions', 'to_jsonb(t)'],
    ['Event', 'events', 'to_jsonb(t)'],
    ['Claim', 'claims', asRecorded],
  ];
  const children: [entity: string, table: string, parent: string, column: string, order: string][] = [
    ['Actor', 'actor_roles', 'actors', 'actor_id', 't.id'],
    ['Source', 'source_authors', 'sources', 'source_id', 't.source_id, t.position'],
    ['Event', 'event_participants', 'events', 'event_id', 't.event_id, t.position'],
    ['Claim', 'claim_speakers', 'claims', 'claim_id', 't.claim_id, t.position'],
    ['Claim', 'claim_stances', 'claims', 'claim_id', 't.claim_id, t.proposition_id'],
    ['Claim', 'claim_events', 'claims', 'claim_id', 't.claim_id, t.event_id'],
    ['Claim', 'claim_reports', 'claims', 'claim_id', 't.claim_id, t.id'],
  ];
  for (const [entity, table, after] of entities) {
    await insert(
      `SELECT '${entity}', t.id, '${table}', 'INSERT', '${ARCHIVIST}', t.created_at, NULL, ${after} FROM ${table} t ORDER BY t.id`,
    );
  }
  for (const [entity, table, parent, column, order] of children) {
    await insert(
      `SELECT '${entity}', t.${column}, '${table}', 'INSERT', '${ARCHIVIST}', p.created_at, NULL, to_jsonb(t)
       FROM ${table} t JOIN ${parent} p ON p.id = t.${column} ORDER BY ${order}`,
    );
  }
  await insert(
    `SELECT 'Claim', t.id, 'claims', 'UPDATE', '${ARCHIVIST}', t.retracted_at, ${asRecorded}, to_jsonb(t)
     FROM claims t WHERE t.retracted_at IS NOT NULL ORDER BY t.id`,
  );
}
