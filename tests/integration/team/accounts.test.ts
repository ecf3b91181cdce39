/**
 * Accounts in team mode on a real PostgreSQL: an account made on one
 * workstation signs in on another (its verifier checked against the shared
 * database, then kept), then signs in there offline; one never seen there
 * cannot sign in offline, refused in the words a name nobody has gets;
 * disabling it on one workstation refuses it and ends its sessions on the
 * other at the next sync; the last active administrator cannot be disabled
 * through the shared database either.
 */
import { v7 as uuidv7 } from 'uuid';
import { beforeAll, describe, expect, it } from 'vitest';
import { syncAll, teamFixture, type Workstation } from '../../helpers/team';

const team = teamFixture(['A', 'B']);
let a: Workstation;
let b: Workstation;

beforeAll(() => {
  [a, b] = team.all as [Workstation, Workstation];
});

const PASSWORD = 'ward seven night shift';

async function localAccount(ws: Workstation, username: string) {
  const { users } = await ws.vigil.ok('users.list', {}, ws.token);
  return users.find((u) => u.username === username);
}

describe('accounts in team mode', () => {
  it('signs in on another workstation with the shared verifier, keeps it, and signs in there offline', async () => {
    await a.vigil.ok('users.create', { username: 'nurse1', displayName: 'Nurse One', role: 'operator', password: PASSWORD }, a.token);
    await syncAll(team.all);
    const { rows } = await team.su.query<{ fields: { role: string; verifier: string } }>("SELECT fields FROM vigil.accounts WHERE username = 'nurse1'");
    expect(rows[0]!.fields).toMatchObject({ role: 'operator', disabled: false, verifier: expect.stringMatching(/^scrypt\$/) });
    expect(await localAccount(b, 'nurse1')).toMatchObject({ displayName: 'Nurse One', role: 'operator', disabled: false });

    // Not signed in on B yet: offline, B cannot check the password.
    b.link.offline = true;
    const refused = await b.vigil.call('session.login', { username: 'nurse1', password: PASSWORD });
    expect(refused).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    // A name nobody has is refused in the same words: the refusal does not tell which names exist.
    const nobody = await b.vigil.call('session.login', { username: 'nurse9', password: PASSWORD });
    expect(nobody).toEqual(refused);
    b.link.offline = false;

    expect((await b.vigil.call('session.login', { username: 'nurse1', password: 'wrong password here' })).ok).toBe(false);
    const online = await b.vigil.ok('session.login', { username: 'nurse1', password: PASSWORD });
    expect(online.user.role).toBe('operator');

    b.link.offline = true;
    try {
      const offline = await b.vigil.ok('session.login', { username: 'nurse1', password: PASSWORD });
      expect(offline.user.username).toBe('nurse1');
      const wrong = await b.vigil.call('session.login', { username: 'nurse1', password: 'wrong password here' });
      expect(wrong).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    } finally {
      b.link.offline = false;
    }
  });

  it('refuses a disabled account after the next sync and ends its sessions on every workstation', async () => {
    await a.vigil.ok('users.create', { username: 'nurse2', displayName: 'Nurse Two', role: 'operator', password: PASSWORD }, a.token);
    await syncAll(team.all);
    const onB = (await b.vigil.ok('session.login', { username: 'nurse2', password: PASSWORD })).token;
    const onA = (await a.vigil.ok('session.login', { username: 'nurse2', password: PASSWORD })).token;
    const id = (await localAccount(a, 'nurse2'))!.id;

    b.link.offline = true;
    await a.vigil.ok('users.disable', { id }, a.token);
    expect((await a.vigil.call('session.whoami', {}, onA)).ok).toBe(false);
    // B has not synced: until it does, the account works there as before.
    expect((await b.vigil.call('session.whoami', {}, onB)).ok).toBe(true);

    b.link.offline = false;
    await syncAll(team.all);
    expect(await localAccount(b, 'nurse2')).toMatchObject({ disabled: true });
    expect(await b.vigil.call('session.whoami', {}, onB)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(await b.vigil.call('session.login', { username: 'nurse2', password: PASSWORD })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('brings a role change to the other workstation, and its sessions take the new role', async () => {
    await syncAll(team.all);
    const onB = (await b.vigil.ok('session.login', { username: 'nurse1', password: PASSWORD })).token;
    const id = (await localAccount(a, 'nurse1'))!.id;
    await a.vigil.ok('users.update', { id, role: 'safety_officer' }, a.token);
    await syncAll(team.all);
    expect((await b.vigil.ok('session.whoami', {}, onB)).user.role).toBe('safety_officer');
  });

  it('keeps the last active administrator in the shared database: disabling it is skipped', async () => {
    const app = await team.cluster.connect('app');
    try {
      const ws = 'accounts-test-workstation';
      const apply = (seq: number, fields: Record<string, unknown>) =>
        app.query<{ r: { fields: Record<string, unknown>; skipped: boolean } }>("SELECT vigil.apply_op($1, $2, $3, 'account.change', $4, 0, $5) AS r", [
          uuidv7(),
          ws,
          seq,
          `${String(Date.now()).padStart(15, '0')}:${String(seq).padStart(6, '0')}`,
          JSON.stringify({ username: 'chief', fields }),
        ]);
      expect((await apply(1, { displayName: 'Chief', role: 'admin', disabled: false, verifier: 'scrypt$x' })).rows[0]!.r.skipped).toBe(false);
      const { rows } = await apply(2, { disabled: true });
      expect(rows[0]!.r).toMatchObject({ skipped: true, fields: { role: 'admin', disabled: false } });
    } finally {
      await app.end();
    }
  });
});
