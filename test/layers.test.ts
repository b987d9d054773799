import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const DEPCRUISE = join(root, 'node_modules/dependency-cruiser/bin/dependency-cruiser.mjs');
const run = promisify(execFile);

/** dependency-cruiser, with the project's rules, over the files of a tree; its exit code and what it said. */
async function cruise(cwd: string, paths: string[]) {
  const args = [DEPCRUISE, ...paths, '--config', join(root, '.dependency-cruiser.cjs'), '--output-type', 'err'];
  try {
    const { stdout } = await run(process.execPath, args, { cwd });
    return { code: 0, output: stdout };
  } catch (error) {
    const failed = error as { code: number; stdout: string };
    return { code: failed.code, output: failed.stdout };
  }
}

// The layers of ARCHITECTURE.md: the entries over src/config and src/http; src/http → src/graphql → src/domain → src/db.
describe('the layers', () => {
  const tree = mkdtempSync(join(tmpdir(), 'whosaid-layers-'));
  afterAll(() => rmSync(tree, { recursive: true, force: true }));
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(tree, path)), { recursive: true });
    writeFileSync(join(tree, path), text);
  };
  write('tsconfig.json', JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext' } }));
  write('src/db/tables.ts', 'export const tables = 1;\n');
  write('src/domain/write.ts', "import { tables } from '../db/tables.js';\nexport const write = tables;\n");
  write('src/graphql/type.ts', "import { write } from '../domain/write.js';\nexport const type = write;\n");
  write('src/http/plugin.ts', "import { type } from '../graphql/type.js';\nexport const plugin = type;\n");

  it('hold in the tree as it is', async () => {
    expect(await cruise(root, ['src', 'functions', 'scripts', 'bench'])).toMatchObject({ code: 0 });
  });

  it('let imports point down', async () => {
    expect(await cruise(tree, ['src'])).toMatchObject({ code: 0 });
  });

  it('refuse an import that points up, naming the rule and both files', async () => {
    write('src/db/upward.ts', "import { type } from '../graphql/type.js';\nexport const upward = type;\n");
    write('src/domain/http-aware.ts', "import { plugin } from '../http/plugin.js';\nexport const aware = plugin;\n");
    const { code, output } = await cruise(tree, ['src']);
    expect(code).not.toBe(0);
    expect(output).toContain('error db-imports-down: src/db/upward.ts → src/graphql/type.ts');
    expect(output).toContain('error domain-imports-down: src/domain/http-aware.ts → src/http/plugin.ts');
    rmSync(join(tree, 'src/db/upward.ts'));
    rmSync(join(tree, 'src/domain/http-aware.ts'));
  });

  it('refuse a module outside the layers, and one that imports the tests', async () => {
    write('test/support/fixture.ts', 'export const fixture = 1;\n');
    write('src/helpers/anything.ts', "import { tables } from '../db/tables.js';\nexport const anything = tables;\n");
    write(
      'src/domain/testing.ts',
      "import { fixture } from '../../test/support/fixture.js';\nexport const t = fixture;\n",
    );
    const { code, output } = await cruise(tree, ['src', 'test']);
    expect(code).not.toBe(0);
    expect(output).toContain('error layers-only: src/helpers/anything.ts → src/db/tables.ts');
    expect(output).toContain('error no-test-imports: src/domain/testing.ts → test/support/fixture.ts');
  });
});
