import { describe, expect, it } from 'vitest';
import { readSettings } from '../../src/config/settings.js';
import { peerSettings } from '../peer-settings.js';

describe("the benchmark's PostGraphile process's settings", () => {
  it('reads PEER_CONNECTIONS as a whole number of connections; unset or empty leaves the default', () => {
    expect(readSettings(peerSettings, { PEER_CONNECTIONS: '10' })).toStrictEqual({ PEER_CONNECTIONS: 10 });
    expect(readSettings(peerSettings, {}).PEER_CONNECTIONS).toBeUndefined();
    expect(readSettings(peerSettings, { PEER_CONNECTIONS: '' }).PEER_CONNECTIONS).toBeUndefined();
  });

  it('refuses one that is not, naming it, rather than passing NaN on', () => {
    for (const value of ['ten', '0', '2.5', '-1']) {
      expect(() => readSettings(peerSettings, { PEER_CONNECTIONS: value })).toThrow(
        'Invalid configuration:\n  PEER_CONNECTIONS: must be a whole number, 1 or more',
      );
    }
  });
});
