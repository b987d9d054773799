import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type NodeServer, startNodeServer } from './support/node-server.js';

// Debian's Chromium; playwright-core never downloads a browser of its own. .ci/run installs it.
const chromiumPath = '/usr/bin/chromium';
const hasChromium = existsSync(chromiumPath);
if (!hasChromium) console.warn(`test/graphiql-browser.test.ts skipped: no ${chromiumPath} (apt-get install chromium)`);

const artifacts = fileURLToPath(new URL('./artifacts/', import.meta.url));

describe.skipIf(!hasChromium)('GraphiQL in a browser, served by `npm start` with no network', () => {
  let server: NodeServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([
      startNodeServer(),
      chromium.launch({
        executablePath: chromiumPath,
        args: [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--disable-quic',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
        ],
      }),
    ]);
  });

  afterAll(async () => {
    await browser?.close();
    server?.stop();
  });

  it('runs a query typed into the editor and shows the answer', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const origin = new URL(server.url).origin;
    const elsewhere: string[] = [];
    // Anything the page asks of another host is refused, as it would be offline, and noted.
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(origin) || /^(blob|data):/.test(url)) return route.continue();
      elsewhere.push(url);
      return route.abort();
    });

    await page.goto(server.url);
    const editor = page.getByRole('region', { name: 'Operation Editor' });
    await editor.locator('.view-lines').click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.press('Delete');
    // insertText, not type: the editor would close each brace typed a second time.
    await page.keyboard.insertText('{ actor(slug: "donald-trump") { name positions { stance } } }');
    await page.getByRole('button', { name: /Execute query/ }).click();

    const result = page.getByRole('region', { name: 'Result Window' });
    await result.getByText('"SUPPORTS"').waitFor();
    mkdirSync(artifacts, { recursive: true });
    const screenshot = `${artifacts}graphiql.png`;
    await page.screenshot({ path: screenshot });
    console.log(`GraphiQL screenshot: ${screenshot}`);

    // The editor draws its indentation with no-break spaces, which JSON does not take for white space.
    const shown = (await result.innerText()).replaceAll('\u00a0', ' ');
    expect(JSON.parse(shown)).toEqual({
      data: { actor: { name: 'Donald Trump', positions: [{ stance: 'SUPPORTS' }] } },
    });
    expect(elsewhere).toEqual([]);
  });
});
