import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { databaseAddress, type NeonBridge, startNeonBridge } from '../src/dev/neon-ws-bridge.js';

// The local stand-in for Neon's proxy reaches the configured database and nothing else.
describe('the Neon bridge', () => {
  let bridge: NeonBridge;
  beforeAll(async () => {
    bridge = await startNeonBridge({ database: '127.0.0.1:5432' });
  });
  afterAll(() => bridge.close());

  const closeCode = (address: string, path = '/v1') =>
    new Promise<{ code: number; reason: string }>((resolve) => {
      const socket = new WebSocket(`ws://${bridge.address}${path}?address=${address}`);
      socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() }));
    });

  it('refuses any other address', async () => {
    expect(await closeCode('10.0.0.1:5432')).toEqual({ code: 1008, reason: 'only 127.0.0.1:5432 may be reached' });
    expect(await closeCode('127.0.0.1:6379')).toEqual({ code: 1008, reason: 'only 127.0.0.1:5432 may be reached' });
  });

  it('refuses paths other than /v1', async () => {
    expect((await closeCode('127.0.0.1:5432', '/v2')).code).toBe(1008);
  });

  it('names a database by host and port, 5432 by default', () => {
    expect(databaseAddress('postgres://u:p@db.example.org/whosaid')).toBe('db.example.org:5432');
    expect(databaseAddress('postgres://u@127.0.0.1:6543/x')).toBe('127.0.0.1:6543');
  });
});
