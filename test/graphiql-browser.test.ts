import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { stripIgnoredCharacters } from 'graphql';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GRAPHIQL_DEFAULT_QUERY } from '../src/http/graphiql-default-query.js';
import { type NodeServer, startNodeServer } from './support/node-server.js';

// Debian's Chromium; playwright-core never downloads a browser of its own. .ci/run installs it.
const chromiumPath = '/usr/bin/chromium';
const hasChromium = existsSync(chromiumPath);
if (!hasChromium) console.warn(`test/graphiql-browser.test.ts skipped: no ${chromiumPath} (apt-get install chromium)`);

const artifacts = fileURLToPath(new URL('./artifacts/', import.meta.url));

const VOX_ARTICLE = {
  title: 'Experts to Trump: Russia is not our ally in the war on ISIS',
  publisher: { name: 'Vox' },
};

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

  it('opens on an example query over the seed data, and runs it', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(server.url);
    await page.getByRole('region', { name: 'Operation Editor' }).getByText('query WhoSaidWhat').waitFor();

    // The answer is longer than the result window shows (the editor draws only the lines in view): it is read
    // off the wire, and the request shows that what ran is the example, as it was in the editor (GraphiQL sends it
    // without its comments and spaces).
    const answered = page.waitForResponse(
      (response) => response.request().postData()?.includes('WhoSaidWhat') ?? false,
    );
    await page.getByRole('button', { name: /Execute query/ }).click();
    const response = await answered;
    expect(response.request().postDataJSON()).toMatchObject({ query: stripIgnoredCharacters(GRAPHIQL_DEFAULT_QUERY) });
    await page.getByRole('region', { name: 'Result Window' }).getByText('"Colin Kahl"').waitFor();
    expect(await response.json()).toEqual({
      data: {
        claims: {
          totalCount: 29,
          edges: [
            {
              node: {
                text:
                  'overarching goal, and one that it has been fairly successful in achieving, is to fortify the Assad ' +
                  "regime in power and thereby protect Russia's strategic position in Syria and the broader Middle East.",
                speakers: [{ name: 'Colin Kahl' }, { name: 'Hal Brands' }],
                mode: 'PARTIAL_QUOTE',
                saidOn: { value: '2017-02', text: 'last February' },
                reports: {
                  edges: [
                    {
                      node: {
                        primary: true,
                        mode: 'PARTIAL_QUOTE',
                        source: {
                          title: 'Op-ed by Colin Kahl and Hal Brands in Foreign Policy',
                          publisher: { name: 'Foreign Policy' },
                        },
                      },
                    },
                    { node: { primary: false, mode: 'PARTIAL_QUOTE', source: VOX_ARTICLE } },
                  ],
                },
              },
            },
            {
              node: {
                text: 'Russia and Syria continually bombed hospitals in anti-Assad areas, and Moscow later tried to conceal the attacks.',
                speakers: [{ name: 'Atlantic Council' }],
                mode: 'PARAPHRASE',
                saidOn: { value: '2017-02', text: 'released in February' },
                reports: {
                  edges: [
                    {
                      node: {
                        primary: true,
                        mode: 'PARAPHRASE',
                        source: {
                          title: 'Atlantic Council report on the bombing of hospitals in Syria',
                          publisher: { name: 'Atlantic Council' },
                        },
                      },
                    },
                    { node: { primary: false, mode: 'PARAPHRASE', source: VOX_ARTICLE } },
                  ],
                },
              },
            },
            {
              node: {
                text:
                  "it's better to get along with Russia than not. And if Russia helps us in the fight against ISIS, which " +
                  "is a major fight, and Islamic terrorism all over the world — that's a good thing.",
                speakers: [{ name: 'Donald Trump' }],
                mode: 'DIRECT_QUOTE',
                saidOn: { value: '2017-02-05', text: 'February 5' },
                reports: {
                  edges: [
                    {
                      node: {
                        primary: true,
                        mode: 'DIRECT_QUOTE',
                        source: { title: "Bill O'Reilly's interview of Donald Trump", publisher: { name: 'Fox News' } },
                      },
                    },
                    { node: { primary: false, mode: 'DIRECT_QUOTE', source: VOX_ARTICLE } },
                  ],
                },
              },
            },
          ],
        },
      },
    });
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
    const lines = editor.locator('.view-lines');
    // The editor opens on the example query; a click before it is there would select the page, not the query.
    await lines.getByText('WhoSaidWhat').waitFor();
    await lines.click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.press('Delete');
    await expect.poll(async () => (await lines.innerText()).trim()).toBe('');
    // insertText, not type: the editor would close each brace typed a second time.
    await page.keyboard.insertText('{ actor(slug: "donald-trump") { name positions { stance } } }');
    const result = page.getByRole('region', { name: 'Result Window' });
    // GraphiQL reads the operation's name from the editor a moment after an edit: run before then, it asks for the
    // example's operation (WhoSaidWhat) in the new text, and says it cannot. A person clicks again; so does the test.
    for (let attempt = 1; ; attempt++) {
      await page.getByRole('button', { name: /Execute query/ }).click();
      const shown = await result
        .getByText('"SUPPORTS"')
        .waitFor({ timeout: 3_000 })
        .then(() => true)
        .catch(() => false);
      if (shown) break;
      if (attempt === 5) await result.getByText('"SUPPORTS"').waitFor({ timeout: 1 });
    }
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
