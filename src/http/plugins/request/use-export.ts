import type { Plugin, YogaInitialContext } from 'graphql-yoga';
import type { Database } from '../../../db/database.js';
import { findViewer } from '../../../domain/auth/api-keys.js';
import { exportBundles } from '../../../domain/bundle/export/export-bundles.js';
import { ndjsonStream } from '../../../domain/bundle/export/ndjson.js';
import { bearerToken } from '../../bearer-token.js';
import { errorResponse } from '../../error-response.js';

const ENDPOINT = '/export.ndjson';

/**
 * `GET /export.ndjson`: the whole archive as source bundles, one a line, as `npm run export` writes it, for an editor's
 * (or an admin's) API key. The body is streamed: each page is read from the database when the client has taken the
 * one before, so a Worker and the Node server answer it the same way and neither holds the archive in memory.
 */
export function useExport<ServerContext extends object>(
  database: (context: ServerContext & YogaInitialContext) => Database | Promise<Database>,
): Plugin<object, ServerContext> {
  return {
    async onRequest({ request, url, serverContext, endResponse }) {
      if (url.pathname !== ENDPOINT || request.method !== 'GET') return;
      const db = await database(serverContext as ServerContext & YogaInitialContext);
      const key = bearerToken(request);
      const viewer = key ? await findViewer(db, key) : null;
      if (!viewer) {
        endResponse(
          errorResponse(
            401,
            request.headers.get('authorization')
              ? 'The API key is not valid or has been revoked'
              : 'The export needs an editor’s API key: send Authorization: Bearer <key>',
            { code: 'UNAUTHENTICATED' },
            { 'www-authenticate': 'Bearer' },
          ),
        );
        return;
      }
      if (viewer.role !== 'EDITOR' && viewer.role !== 'ADMIN') {
        endResponse(
          errorResponse(403, `The API key "${viewer.name}" (${viewer.role}) may not export the archive`, {
            code: 'FORBIDDEN',
          }),
        );
        return;
      }
      endResponse(
        new Response(ndjsonStream(exportBundles(db)), {
          headers: {
            'content-type': 'application/x-ndjson; charset=utf-8',
            'content-disposition': 'attachment; filename="whosaid.ndjson"',
            'cache-control': 'no-store',
          },
        }),
      );
    },
  };
}
