import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEmbeddedDatabase } from '../src/db/embedded.js';
import { trustedDocuments } from '../src/db/schema.js';
import { registerTrustedDocuments } from '../src/domain/auth/trusted-documents.js';
import { seedDatabase } from '../src/domain/seed/seed.js';
import { sha256Hex } from '../src/domain/sha256.js';
import { createWhosaid } from '../src/http/whosaid.js';
import { backends, openTestDatabase, type TestDatabase } from './support/databases.js';
import { rowCounts } from './support/row-counts.js';

const CARDIN = 'query Cardin { actor(slug: "ben-cardin") { name } }';

describe.each(backends)('trusted documents on %s', (backend) => {
  let database: TestDatabase;
  let cardin: string;
  beforeAll(async () => {
    database = await openTestDatabase(backend);
    await seedDatabase(database.db);
    cardin = (await registerTrustedDocuments(database.db, [CARDIN]))[0]!;
  });
  afterAll(() => database.close());

  const ask = async (trustedDocumentsOnly: boolean, body: object) => {
    const yoga = createWhosaid({ database: () => database.db, trustedDocumentsOnly });
    const response = await yoga.fetch('http://whosaid.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: await response.json() };
  };
  const byHash = (sha256Hash: string) => ({ extensions: { persistedQuery: { version: 1, sha256Hash } } });

  it('registers a document under the SHA-256 of its text', async () => {
    expect(cardin).toBe(await sha256Hex(CARDIN));
  });

  it('runs only registered documents, sent by hash, in trusted-documents mode', async () => {
    expect(await ask(true, byHash(cardin))).toEqual({ status: 200, body: { data: { actor: { name: 'Ben Cardin' } } } });
    expect(await ask(true, { query: '{ actor(slug: "ben-cardin") { name } }' })).toEqual({
      status: 400,
      body: {
        errors: [
          {
            message:
              'This server runs trusted documents only: send extensions.persistedQuery.sha256Hash of a registered one',
            extensions: { code: 'PERSISTED_QUERY_ONLY' },
          },
        ],
      },
    });
    expect(await ask(true, byHash('0'.repeat(64)))).toEqual({
      status: 400,
      body: {
        errors: [
          {
            message: 'No trusted document has this sha256Hash: register it first (npm run documents -- register)',
            extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' },
          },
        ],
      },
    });
  });

  it('runs any query otherwise, and registered ones by hash as well', async () => {
    expect(await ask(false, { query: '{ actor(slug: "vox") { name } }' })).toEqual({
      status: 200,
      body: { data: { actor: { name: 'Vox' } } },
    });
    expect(await ask(false, byHash(cardin))).toEqual({
      status: 200,
      body: { data: { actor: { name: 'Ben Cardin' } } },
    });
    // A client that persists queries automatically sends the query along with a hash whilst it is unknown.
    expect(await ask(false, { query: '{ actor(slug: "vox") { kind } }', ...byHash('1'.repeat(64)) })).toEqual({
      status: 200,
      body: { data: { actor: { kind: 'MEDIA_OUTLET' } } },
    });
  });

  it('refuses a document that does not parse, naming it, and registers none of the batch', async () => {
    const before = await rowCounts(database.db);
    await expect(
      registerTrustedDocuments(database.db, ['{ actor(slug: "vox") { name } }', '{ actor(']),
    ).rejects.toThrow('documents[1]: Syntax Error: Expected Name, found <EOF>.');
    expect(await rowCounts(database.db)).toEqual(before);
  });
});

describe('npm run documents', () => {
  const dir = mkdtempSync(join(tmpdir(), 'whosaid-documents-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('registers .graphql files and checked JSON manifests in the embedded database', async () => {
    writeFileSync(join(dir, 'cardin.graphql'), CARDIN);
    const vox = '{ actor(slug: "vox") { name } }';
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ [await sha256Hex(vox)]: vox }));
    const dataDir = join(dir, 'pglite');
    const run = (...files: string[]) =>
      execFileSync(process.execPath, ['--import', 'tsx', 'scripts/documents.ts', 'register', ...files], {
        env: { ...process.env, WHOSAID_DATA_DIR: dataDir, DATABASE_URL: '' },
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      });
    expect(run(join(dir, 'cardin.graphql'), join(dir, 'manifest.json'))).toBe(
      `${await sha256Hex(CARDIN)}\n${await sha256Hex(vox)}\n`,
    );

    writeFileSync(join(dir, 'forged.json'), JSON.stringify({ ['a'.repeat(64)]: vox }));
    expect(() => run(join(dir, 'forged.json'))).toThrow(
      `forged.json: "${'a'.repeat(64)}" is not the SHA-256 of its document`,
    );

    const { db, close } = await openEmbeddedDatabase({ dataDir });
    expect((await db.select({ sha256: trustedDocuments.sha256 }).from(trustedDocuments)).length).toBe(2);
    await close();
  });
});
