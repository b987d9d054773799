import * as z from 'zod';
import type { Database } from '../../db/database.js';
import { API_KEY_ROLES, createApiKey, listApiKeys, revokeApiKey } from './api-keys.js';

/**
 * What `npm run keys` asks: it runs the command on the database itself or, while the server has the embedded
 * database open, sends it to the server's keys socket, which runs it there.
 */
export const keyCommandSchema = z.discriminatedUnion('command', [
  z.object({ command: z.literal('create'), name: z.string(), role: z.enum(API_KEY_ROLES) }),
  z.object({ command: z.literal('list') }),
  z.object({ command: z.literal('revoke'), name: z.string() }),
]);

export type KeyCommand = z.output<typeof keyCommandSchema>;

/** Who the audit trail says created or revoked a key from the command line. */
const KEY_COMMAND_AUTHOR = 'keys command';

/**
 * Runs `command` on `db` and returns what `npm run keys` prints, one line per key listed (nothing when there is none).
 * A created key is in it, once; it is stored only as its hash. Throws a ValidationError or NotFoundError otherwise.
 */
export async function runKeyCommand(db: Database, command: KeyCommand): Promise<string> {
  switch (command.command) {
    case 'create': {
      const { key, viewer } = await createApiKey(db, command.name, command.role, KEY_COMMAND_AUTHOR);
      return `Created ${viewer.role} key "${viewer.name}". It is shown only this once:\n${key}`;
    }
    case 'list':
      return (await listApiKeys(db))
        .map(
          (key) =>
            `${key.name}\t${key.role}\tcreated ${key.createdAt}${key.revokedAt ? `\trevoked ${key.revokedAt}` : ''}`,
        )
        .join('\n');
    case 'revoke': {
      const revoked = await revokeApiKey(db, command.name, KEY_COMMAND_AUTHOR);
      return `Revoked "${revoked.name}"`;
    }
  }
}
