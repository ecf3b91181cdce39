/**
 * Tags on connections, through the real dispatcher and store: checked and
 * lower-cased when saved, and carried with the host onto the board tile, so
 * the board can search, filter and group by them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestVigil, type TestVigil } from '../../helpers/test-vigil';

let vigil: TestVigil;
let token: string;

// Nothing listens on port 9 of this machine: the monitor's probes fail at once, which is all these tiles need.
const BASE_URL = 'http://127.0.0.1:9/fhir';

beforeAll(async () => {
  vigil = await startTestVigil();
  token = await vigil.adminToken();
});

afterAll(async () => {
  await vigil?.close();
});

async function tileOf(id: number) {
  const { tiles } = await vigil.ok('monitor.board', {}, token);
  return tiles.find((t) => t.targetId === `conn:${id}`);
}

describe('connection tags', () => {
  it('are saved in lower case and shown on the board tile with the host', async () => {
    const saved = await vigil.ok('connections.create', { config: { name: 'North clinic', vendor: 'epic', baseUrl: BASE_URL, authMode: 'none', tags: ['Site:North', ' clinical '] } }, token);
    expect(saved.config.tags).toEqual(['site:north', 'clinical']);
    expect(await tileOf(saved.id)).toMatchObject({ name: 'North clinic', host: '127.0.0.1:9', tags: ['site:north', 'clinical'] });
  });

  it('follow an edit onto the tile, and a connection saved without any has none', async () => {
    const saved = await vigil.ok('connections.create', { config: { name: 'South lab', vendor: 'cerner', baseUrl: BASE_URL, authMode: 'none' } }, token);
    expect(saved.config.tags).toEqual([]);
    expect((await tileOf(saved.id))?.tags).toEqual([]);
    await vigil.ok('connections.update', { id: saved.id, config: { ...saved.config, tags: ['site:south'] } }, token);
    expect((await tileOf(saved.id))?.tags).toEqual(['site:south']);
  });

  it.each([
    [['site north'], ['config', 'tags', '0']],
    [['a:b:c'], ['config', 'tags', '0']],
    [['-lead'], ['config', 'tags', '0']],
    [['x'.repeat(33)], ['config', 'tags', '0']],
    [['one', 'ONE'], ['config', 'tags']],
    [Array.from({ length: 9 }, (_, i) => `t${i}`), ['config', 'tags']],
  ])('refuses %j with INVALID_INPUT on the tags field', async (tags, path) => {
    const reply = await vigil.call('connections.create', { config: { name: `Tagged ${tags.join('')}`.slice(0, 80), vendor: 'generic', baseUrl: BASE_URL, authMode: 'none', tags } }, token);
    expect(reply.ok).toBe(false);
    if (reply.ok) return;
    expect(reply.error.code).toBe('INVALID_INPUT');
    expect(reply.error.details).toContainEqual(expect.objectContaining({ path }));
  });
});
