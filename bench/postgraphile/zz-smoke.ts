import { startPostGraphile } from './server.ts';
import { postgraphileMix } from './mix.ts';
import { QUERY_NAMES } from '../mix-types.ts';
import pg from 'pg';
const url = process.env.DATABASE_URL!;
const peer = await startPostGraphile(url);
const c = new pg.Client(url); await c.connect();
const a = (await c.query(`select a.id, a.slug from actors a join claim_speakers s on s.actor_id=a.id group by a.id order by count(*) desc limit 1`)).rows[0];
const p = (await c.query(`select p.id, p.slug from propositions p join positions s on s.proposition_id=p.id group by p.id order by count(*) desc limit 1`)).rows[0];
const s = (await c.query(`select id, url from sources limit 1`)).rows[0];
await c.end();
const subjects = { actorSlug: a.slug, actorId: a.id, propositionSlug: p.slug, propositionId: p.id, from: '2017-01-01', to: '2017-06-30', searchQuery: 'Russia ally', sourceUrl: s.url, sourceId: s.id };
const ask = async (document: string, variables?: Record<string, unknown>) => {
  const r = await fetch(peer.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: document, variables }) });
  const j = await r.json() as any; if (j.errors) throw new Error(JSON.stringify(j.errors)); return j.data;
};
for (const name of QUERY_NAMES) {
  const e = postgraphileMix[name];
  try {
    let v = await e.variables(subjects, ask, 3);
    if (e.perRequest) v = e.perRequest(v, 1);
    console.log(name, JSON.stringify(v).slice(0, 150));
    console.log(JSON.stringify(await ask(e.document, v)).slice(0, 700));
  } catch (err) { console.log(name, 'ERR', String(err).slice(0, 800)); }
}
await peer.stop();
