import { describe, expect, it } from 'vitest';
import { backends } from './support/databases.js';
import { data } from './support/graphql.js';
import { seededApi } from './support/seeded-api.js';

// Counts for charts: where actors stand now, and how many claims took each side, month by month.
describe.each(backends)('stance statistics on %s', (backend) => {
  const api = seededApi(backend);

  it('sums up current positions and claims per month and per year', async () => {
    const result = await data(
      api.graphql,
      `{ proposition(slug: "russia-is-an-ally-against-isis") {
          stanceSummary { supports opposes mixed neutral }
          byMonth: stanceOverTime(bucket: MONTH) { period supports opposes mixed neutral }
          byYear: stanceOverTime(bucket: YEAR) { period supports opposes mixed neutral } } }`,
    );
    expect(result).toEqual({
      proposition: {
        stanceSummary: { supports: 2, opposes: 3, mixed: 0, neutral: 1 },
        byMonth: [
          { period: '2017-02', supports: 1, opposes: 0, mixed: 0, neutral: 0 },
          { period: '2017-05', supports: 2, opposes: 12, mixed: 1, neutral: 1 },
        ],
        byYear: [{ period: '2017', supports: 3, opposes: 12, mixed: 1, neutral: 1 }],
      },
    });
  });

  it('counts actors once however often they repeat themselves', async () => {
    const result = await data(
      api.graphql,
      `{ proposition(slug: "russia-bombs-us-backed-forces") {
          stanceSummary { supports opposes mixed neutral } stanceOverTime(bucket: YEAR) { period supports } } }`,
    );
    // Vox says it twice: one position, two claims.
    expect(result).toEqual({
      proposition: {
        stanceSummary: { supports: 1, opposes: 0, mixed: 0, neutral: 0 },
        stanceOverTime: [{ period: '2017', supports: 2 }],
      },
    });
  });
});
