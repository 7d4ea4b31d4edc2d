import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Profile } from '../../../src/contexts/profile/index.ts';
import type { CurrentFixture } from './storage-fixture.ts';

/** `ProfileStore`: one profile per user, saved whole. */
export function profilesContract(current: CurrentFixture): void {
  describe('profiles', () => {
    const profiles = () => current().storage.read.profiles;

    it('has nothing for an unknown user, keeps a saved profile and replaces it on save', async () => {
      const userId = `user-${randomUUID()}`;
      expect(await profiles().get(userId)).toBeUndefined();
      const profile: Profile = {
        user_id: userId,
        display_name: 'Зоя',
        email: 'zoya@example.test',
        locale: 'ru',
        channels: { email: true, push: false, live: true },
      };
      await profiles().save(profile, new Date());
      expect(await profiles().get(userId)).toEqual(profile);
      const changed: Profile = {
        ...profile,
        email: null,
        locale: 'en',
        channels: { ...profile.channels, email: false },
      };
      await profiles().save(changed, new Date());
      expect(await profiles().get(userId)).toEqual(changed);
    });

    it('reads the profiles of several users at once, leaving out users without one', async () => {
      const [ann, ben, none] = [`user-${randomUUID()}`, `user-${randomUUID()}`, `user-${randomUUID()}`];
      const profile = (userId: string, live: boolean): Profile => ({
        user_id: userId,
        display_name: null,
        email: null,
        locale: 'en',
        channels: { email: true, push: true, live },
      });
      await profiles().save(profile(ann, true), new Date());
      await profiles().save(profile(ben, false), new Date());
      const many = await profiles().getMany([ann, ben, none, ann]);
      expect([...many.keys()].sort()).toEqual([ann, ben].sort());
      expect(many.get(ben)).toEqual(profile(ben, false));
      expect(await profiles().getMany([])).toEqual(new Map());
    });
  });
}

/** `DeviceStore`: push tokens, unique by token; a token moves to whoever registers it last. */
export function devicesContract(current: CurrentFixture): void {
  describe('devices', () => {
    const devices = () => current().storage.read.devices;

    it('registers a token once per user and moves it to the latest user registering it', async () => {
      const [ann, ben] = [`user-${randomUUID()}`, `user-${randomUUID()}`];
      const token = `token-${randomUUID()}`;
      const first = await devices().register(
        { id: randomUUID(), user_id: ann, platform: 'android', token },
        new Date(),
      );
      const again = await devices().register(
        { id: randomUUID(), user_id: ann, platform: 'android', token },
        new Date(),
      );
      expect(again.id).toBe(first.id);
      expect(first).toMatchObject({
        user_id: ann,
        platform: 'android',
        token,
        state: 'active',
        disabled_reason: null,
      });
      expect(await devices().listByUser(ann)).toHaveLength(1);
      const moved = await devices().register(
        { id: randomUUID(), user_id: ben, platform: 'android', token },
        new Date(),
      );
      expect(moved.id).toBe(first.id);
      expect(await devices().listByUser(ann)).toEqual([]);
      expect(await devices().listByUser(ben)).toEqual([moved]);
      expect(await devices().get(first.id)).toEqual(moved);
    });

    it('lists the devices of several users in one read, oldest first', async () => {
      const [ann, ben, cid] = [`user-${randomUUID()}`, `user-${randomUUID()}`, `user-${randomUUID()}`];
      const register = (user_id: string, at: number) =>
        devices().register(
          { id: randomUUID(), user_id, platform: 'ios', token: `token-${randomUUID()}` },
          new Date(Date.UTC(2026, 0, 1, 0, at)),
        );
      const b1 = await register(ben, 1);
      const a1 = await register(ann, 2);
      await register(cid, 3);
      const a2 = await register(ann, 4);
      expect(await devices().listByUsers([ann, ben, `user-${randomUUID()}`])).toEqual([b1, a1, a2]);
      expect(await devices().listByUsers([])).toEqual([]);
    });

    it('gets several devices by id in one read, under the ids as given', async () => {
      const register = () =>
        devices().register(
          {
            id: randomUUID(),
            user_id: `user-${randomUUID()}`,
            platform: 'android',
            token: `token-${randomUUID()}`,
          },
          new Date(Date.UTC(2026, 0, 1)),
        );
      const [a, b] = [await register(), await register()];
      const missing = randomUUID();
      const found = await devices().getMany([a.id.replaceAll('-', ''), b.id.toUpperCase(), missing]);
      expect([...found.keys()]).toEqual([a.id.replaceAll('-', ''), b.id.toUpperCase()]);
      expect(found.get(a.id.replaceAll('-', ''))).toEqual(a);
      expect(found.get(b.id.toUpperCase())).toEqual(b);
      expect(await devices().getMany([])).toEqual(new Map());
      expect(await devices().get(missing)).toBeUndefined();
    });

    it('disables a device for good and removes only the owner’s device', async () => {
      const owner = `user-${randomUUID()}`;
      const device = await devices().register(
        { id: randomUUID(), user_id: owner, platform: 'ios', token: `token-${randomUUID()}` },
        new Date(),
      );
      await devices().disable(device.id, 'BadDeviceToken', new Date());
      expect(await devices().get(device.id)).toMatchObject({
        state: 'disabled',
        disabled_reason: 'BadDeviceToken',
      });
      const again = await devices().register({ ...device, id: randomUUID() }, new Date());
      expect(again).toMatchObject({ id: device.id, state: 'disabled' });
      expect(await devices().remove(device.id, `user-${randomUUID()}`)).toBe(false);
      expect(await devices().remove(device.id, owner)).toBe(true);
      expect(await devices().remove(device.id, owner)).toBe(false);
      expect(await devices().get(device.id)).toBeUndefined();
    });
  });
}
