import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from './support/databases.js';
import { data } from './support/graphql.js';
import { seededApi } from './support/seeded-api.js';

// Clients written the way real ones are, checked against schema.graphql by their own tools.
const root = resolve(import.meta.dirname, '..');
const schemaPath = join(root, 'schema.graphql');
const relayCompiler = join(root, 'node_modules/relay-compiler/cli.js');
const gqlTada = join(root, 'node_modules/gql.tada/bin/cli.js');
const tsc = join(root, 'node_modules/typescript/bin/tsc');

function run(cli: string, args: string[], cwd = root) {
  const result = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8' });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

const scratchDirs: string[] = [];
/** An empty directory of ES modules that can resolve the project's packages, removed after the tests. */
function scratch(): string {
  const dir = mkdtempSync(join(tmpdir(), 'whosaid-client-'));
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
  writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
  scratchDirs.push(dir);
  return dir;
}
afterAll(() => scratchDirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** The query text relay-compiler put in a generated artifact: what a Relay app sends. */
function relayOperationText(name: string): string {
  const artifact = readFileSync(join(root, `clients/relay/src/__generated__/${name}.graphql.ts`), 'utf8');
  return JSON.parse(/"text": ("(?:[^"\\]|\\.)*")/.exec(artifact)![1]!) as string;
}

describe('a Relay client (clients/relay, npm run clients:relay)', () => {
  it('compiles against schema.graphql: fragments, a @refetchable @connection for paging, a union', () => {
    const compiled = run(relayCompiler, [], join(root, 'clients/relay'));
    expect(compiled.status, compiled.output).toBe(0);
    expect(relayOperationText('ActorClaimsPaginationQuery')).toContain('node(id: $id)');
  });

  it('refuses a fragment that names a field the schema does not have', () => {
    const dir = scratch();
    mkdirSync(join(dir, 'src'));
    writeFileSync(
      join(dir, 'src/Broken.ts'),
      "import { graphql } from 'relay-runtime';\nexport const f = graphql`fragment Broken_actor on Actor { name birthday }`;\n",
    );
    const config = JSON.parse(readFileSync(join(root, 'clients/relay/relay.config.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    writeFileSync(join(dir, 'relay.config.json'), JSON.stringify({ ...config, schema: schemaPath }));
    const compiled = run(relayCompiler, [], dir);
    expect(compiled.status).not.toBe(0);
    expect(compiled.output).toContain('The type `Actor` has no field `birthday`');
  });
});

describe.each(backends)("the Relay client's queries, as compiled, answered on %s", (backend) => {
  const api = seededApi(backend);
  beforeAll(() => {
    expect(run(relayCompiler, [], join(root, 'clients/relay')).status).toBe(0);
  });

  it('loads an actor page, then pages through their claims by the refetch query Relay made', async () => {
    const page = await data<{
      actor: {
        id: string;
        name: string;
        positions: { stance: string; proposition: { slug: string } }[];
        claims: { totalCount: number };
      };
    }>(api.graphql, relayOperationText('ActorPageQuery'), { slug: 'donald-trump' });
    expect({
      name: page.actor.name,
      positions: page.actor.positions.map((position) => [position.proposition.slug, position.stance]),
      totalCount: page.actor.claims.totalCount,
    }).toEqual({ name: 'Donald Trump', positions: [['russia-is-an-ally-against-isis', 'SUPPORTS']], totalCount: 2 });

    type ClaimsPage = {
      node: { claims: { edges: { node: { text: string } }[]; pageInfo: { endCursor: string; hasNextPage: boolean } } };
    };
    const pagination = relayOperationText('ActorClaimsPaginationQuery');
    const first = await data<ClaimsPage>(api.graphql, pagination, { id: page.actor.id, count: 1 });
    const second = await data<ClaimsPage>(api.graphql, pagination, {
      id: page.actor.id,
      count: 1,
      cursor: first.node.claims.pageInfo.endCursor,
    });
    expect(
      [first, second].map(({ node: { claims } }) => [
        claims.edges.map((edge) => edge.node.text),
        claims.pageInfo.hasNextPage,
      ]),
    ).toEqual([
      [['Russia, he argues, is a vital ally in the war against ISIS.'], true],
      [
        [
          "it's better to get along with Russia than not. And if Russia helps us in the fight against ISIS, which is a major fight, and Islamic terrorism all over the world — that's a good thing.",
        ],
        false,
      ],
    ]);
  });
});

describe('a typed client (clients/typed, gql.tada)', () => {
  it('has the graphql-env.d.ts that schema.graphql gives (npm run clients:generate)', () => {
    const output = join(scratch(), 'graphql-env.d.ts');
    const generated = run(gqlTada, [
      'generate-output',
      '--tsconfig',
      'clients/typed/tsconfig.json',
      '--output',
      output,
    ]);
    expect(generated.status, generated.output).toBe(0);
    expect(readFileSync(join(root, 'clients/typed/src/graphql-env.d.ts'), 'utf8')).toBe(readFileSync(output, 'utf8'));
  });

  it('type-checks, and its documents are valid against the schema (npm run clients:typed)', () => {
    const typed = run(tsc, ['-p', 'clients/typed']);
    expect(typed.status, typed.output).toBe(0);
    const checked = run(gqlTada, ['check', '--tsconfig', 'clients/typed/tsconfig.json']);
    expect(checked.status, checked.output).toBe(0);
  });

  /** A copy of the typed client, typed by `schema` instead of schema.graphql. */
  function typedClientFor(schema: string): string {
    const dir = scratch();
    cpSync(join(root, 'clients/typed'), dir, { recursive: true, filter: (path) => !path.endsWith('graphql-env.d.ts') });
    writeFileSync(join(dir, 'schema.graphql'), schema);
    const tsconfig = readFileSync(join(dir, 'tsconfig.json'), 'utf8').replace(
      '"../../schema.graphql"',
      '"./schema.graphql"',
    );
    writeFileSync(join(dir, 'tsconfig.json'), tsconfig);
    const generated = run(gqlTada, ['generate-output', '--tsconfig', join(dir, 'tsconfig.json')]);
    expect(generated.status, generated.output).toBe(0);
    return dir;
  }

  it('no longer type-checks when the schema gains a stance the client does not know', () => {
    const schema = readFileSync(schemaPath, 'utf8');
    expect(schema).toContain('enum Stance {\n');
    const dir = typedClientFor(schema.replace('enum Stance {\n', 'enum Stance {\n  UNDECIDED\n'));
    const typed = run(tsc, ['-p', dir]);
    expect(typed.status).not.toBe(0);
    const errors = typed.output.split('\n').filter((line) => /error TS\d+/.test(line));
    expect(errors.map((line) => /src\/(\S+)\(\d+,\d+\): error (TS\d+)/.exec(line)?.slice(1))).toEqual([
      ['actor-positions.ts', 'TS2322'], // actorPositions: PositionRow.stance
      ['actor-positions.ts', 'TS2322'], // firstStance
    ]);
    expect(typed.output).toContain(`Type '"UNDECIDED"' is not assignable to type 'Stance`);
  });

  it('gql-tada check refuses a query that names a field the schema does not have', () => {
    const dir = typedClientFor(readFileSync(schemaPath, 'utf8'));
    writeFileSync(
      join(dir, 'src/broken.ts'),
      'import { graphql } from \'./graphql.js\';\nexport const Broken = graphql(`query Broken { actor(slug: "x") { name birthday } }`);\n',
    );
    const checked = run(gqlTada, ['check', '--tsconfig', join(dir, 'tsconfig.json')]);
    expect(checked.status).not.toBe(0);
    expect(checked.output).toContain('Cannot query field "birthday" on type "Actor".');
  });
});
