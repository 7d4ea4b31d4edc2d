import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { injectedServer } from '../../../test/support/orderflow-server.ts';

// The profile service's routes on the real embedded application: profile defaults and
// changes, device registration (idempotent per token, moving between users), listing, removal.

const { call } = injectedServer(['alice', 'bob', 'admin'] as const);

describe('profile', () => {
  it('gives the demo buyers an e-mail address and a locale, every channel on', async () => {
    const alice = await call('alice', 'GET', '/api/v1/me/profile');
    expect(alice.statusCode).toBe(200);
    expect(alice.json()).toMatchObject({
      email: 'alice@orderflow.local',
      locale: 'en',
      channels: { email: true, push: true, live: true },
    });
    expect((await call('bob', 'GET', '/api/v1/me/profile')).json()).toMatchObject({
      email: 'bob@orderflow.local',
      locale: 'ru',
    });
  });

  it('defaults a user without a profile from identity, and merges a change', async () => {
    expect((await call('admin', 'GET', '/api/v1/me/profile')).json()).toMatchObject({
      email: 'admin@orderflow.local',
      display_name: 'Ada Admin',
      locale: 'en',
      channels: { email: true, push: true, live: true },
    });
    const changed = await call('admin', 'PUT', '/api/v1/me/profile', {
      locale: 'ru',
      channels: { push: false },
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({
      email: 'admin@orderflow.local',
      locale: 'ru',
      channels: { email: true, push: false, live: true },
    });
    expect((await call('admin', 'GET', '/api/v1/me/profile')).json()).toEqual(changed.json());
  });

  it('refuses a bad locale, a bad address, unknown fields and anonymous callers', async () => {
    expect((await call('admin', 'PUT', '/api/v1/me/profile', { locale: 'de' })).statusCode).toBe(400);
    expect((await call('admin', 'PUT', '/api/v1/me/profile', { email: 'not an address' })).statusCode).toBe(
      400,
    );
    expect((await call('admin', 'PUT', '/api/v1/me/profile', { channels: { fax: true } })).statusCode).toBe(
      400,
    );
    expect((await call(undefined, 'GET', '/api/v1/me/profile')).statusCode).toBe(401);
  });
});

describe('devices', () => {
  it('registers a token once, lists it, moves it to the latest user and removes it', async () => {
    const token = `fcm-${randomUUID()}`;
    const first = await call('alice', 'POST', '/api/v1/me/devices', { platform: 'android', token });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({
      platform: 'android',
      token,
      state: 'active',
      disabled_reason: null,
    });
    const again = await call('alice', 'POST', '/api/v1/me/devices', { platform: 'android', token });
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(first.json().id);
    const listed = (await call('alice', 'GET', '/api/v1/me/devices')).json().devices as { token: string }[];
    expect(listed.filter((d) => d.token === token)).toHaveLength(1);

    const moved = await call('bob', 'POST', '/api/v1/me/devices', { platform: 'android', token });
    expect(moved.statusCode).toBe(201);
    const alices = (await call('alice', 'GET', '/api/v1/me/devices')).json().devices as { token: string }[];
    expect(alices.some((d) => d.token === token)).toBe(false);
    const bobs = (await call('bob', 'GET', '/api/v1/me/devices')).json().devices as {
      id: string;
      token: string;
    }[];
    expect(bobs.filter((d) => d.token === token)).toHaveLength(1);

    const id = moved.json().id as string;
    expect((await call('alice', 'DELETE', `/api/v1/me/devices/${id}`)).statusCode).toBe(404);
    expect((await call('bob', 'DELETE', `/api/v1/me/devices/${id}`)).statusCode).toBe(204);
    expect((await call('bob', 'DELETE', `/api/v1/me/devices/${id}`)).json()).toMatchObject({
      code: 'DEVICE_NOT_FOUND',
    });
  });

  it('refuses an unknown platform and an empty token', async () => {
    expect(
      (await call('alice', 'POST', '/api/v1/me/devices', { platform: 'web', token: 'x' })).statusCode,
    ).toBe(400);
    expect(
      (await call('alice', 'POST', '/api/v1/me/devices', { platform: 'ios', token: '' })).statusCode,
    ).toBe(400);
  });
});
