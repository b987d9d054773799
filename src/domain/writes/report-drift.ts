import { inArray } from 'drizzle-orm';
import type { Database } from '../../db/database.js';
import { claimReports } from '../../db/schema.js';
import { baselineOf, driftFrom } from '../drift.js';

/**
 * Marks drifted exactly the reports of the given claims whose words or mode differ from their claim's baseline
 * report. Run it after a write that changes a claim's reports; a report whose mark stands is left untouched, so that
 * the write records no change it did not make.
 */
export async function refreshDrift(tx: Database, claimIds: readonly number[]): Promise<void> {
  const ids = [...new Set(claimIds)];
  if (ids.length === 0) return;
  const reports = await tx
    .select({
      id: claimReports.id,
      claimId: claimReports.claimId,
      primary: claimReports.primary,
      text: claimReports.text,
      mode: claimReports.mode,
      placedStart: claimReports.placedStart,
      placedEnd: claimReports.placedEnd,
      drifted: claimReports.drifted,
    })
    .from(claimReports)
    .where(inArray(claimReports.claimId, ids));
  const byClaim = new Map<number, typeof reports>();
  for (const report of reports) byClaim.set(report.claimId, [...(byClaim.get(report.claimId) ?? []), report]);
  const flipped = { true: [] as number[], false: [] as number[] };
  for (const claimReportRows of byClaim.values()) {
    const baseline = baselineOf(claimReportRows)!;
    for (const report of claimReportRows) {
      const drifted = report !== baseline && driftFrom(baseline, report).drifted;
      if (drifted !== report.drifted) flipped[`${drifted}`].push(report.id);
    }
  }
  for (const drifted of [true, false]) {
    const flip = flipped[`${drifted}`];
    if (flip.length) await tx.update(claimReports).set({ drifted }).where(inArray(claimReports.id, flip));
  }
}
