import type { Clock } from '../../../shared/clock.ts';
import { DomainError } from '../../../shared/errors.ts';
import type { IdGenerator } from '../../../shared/ids.ts';
import type { PushPlatform } from '../../../shared/ports/notification-channel.ts';
import type { UnitOfWork } from '../../../shared/ports/unit-of-work.ts';
import type { ChannelPreferences, Device, Locale, Profile, ProfileStores, UserBasics } from './ports.ts';

/** A partial change to a profile (PUT merges: fields left out keep their value). */
export interface ProfileChange {
  display_name?: string | null;
  email?: string | null;
  locale?: Locale;
  channels?: Partial<ChannelPreferences>;
}

/** What the notification service asks the profile service for (seed 003). */
export interface BuyerContacts {
  profile: Profile;
  /** Active devices only: a disabled one is never used again. */
  devices: Device[];
}

export const DEFAULT_CHANNELS: ChannelPreferences = Object.freeze({ email: true, push: true, live: true });
export const DEFAULT_LOCALE: Locale = 'en';

/** Seed 003's profile service: the buyer's contacts, locale, channel preferences and push devices. */
export class Profiles {
  constructor(
    private readonly storage: UnitOfWork<ProfileStores>,
    private readonly userBasics: UserBasics,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
  ) {}

  /** The stored profile, or one made of identity's name and e-mail with the defaults. */
  async get(userId: string): Promise<Profile> {
    return (await this.storage.read.profiles.get(userId)) ?? this.#fromBasics(userId);
  }

  /** A user who never saved a profile: identity's name and e-mail with the defaults. */
  async #fromBasics(userId: string): Promise<Profile> {
    const basics = await this.userBasics(userId);
    return {
      user_id: userId,
      display_name: basics?.full_name ?? null,
      email: basics?.email ?? null,
      locale: DEFAULT_LOCALE,
      channels: { ...DEFAULT_CHANNELS },
    };
  }

  async update(userId: string, change: ProfileChange): Promise<Profile> {
    const current = await this.get(userId);
    const next: Profile = {
      ...current,
      ...(change.display_name === undefined ? {} : { display_name: change.display_name }),
      ...(change.email === undefined ? {} : { email: change.email }),
      ...(change.locale === undefined ? {} : { locale: change.locale }),
      channels: { ...current.channels, ...change.channels },
    };
    await this.storage.read.profiles.save(next, this.clock.now());
    return next;
  }

  /** Idempotent per token; `created` is false when the caller already held it. */
  async registerDevice(
    userId: string,
    platform: PushPlatform,
    token: string,
  ): Promise<{ device: Device; created: boolean }> {
    const before = await this.storage.read.devices.listByUser(userId);
    const device = await this.storage.read.devices.register(
      { id: this.ids.next(), user_id: userId, platform, token },
      this.clock.now(),
    );
    return { device, created: !before.some((d) => d.id === device.id) };
  }

  listDevices(userId: string): Promise<Device[]> {
    return this.storage.read.devices.listByUser(userId);
  }

  async removeDevice(userId: string, deviceId: string): Promise<void> {
    if (!(await this.storage.read.devices.remove(deviceId, userId))) {
      throw new DomainError('DEVICE_NOT_FOUND', 'device not found', { device_id: deviceId });
    }
  }

  /**
   * The lookup the notifications context uses: contacts, preferences and active devices. For a
   * change that sends no letter (`letter: false`), pushes only: undefined, without reading the
   * profile, when the buyer has no active device (nothing could go out).
   */
  async contactsOf(
    userId: string,
    needs: { letter: boolean } = { letter: true },
  ): Promise<BuyerContacts | undefined> {
    return (await this.contactsOfMany([userId], needs)).get(userId);
  }

  /** `contactsOf` for several buyers at once: one read of their devices, one of their profiles. */
  async contactsOfMany(
    userIds: readonly string[],
    needs: { letter: boolean } = { letter: true },
  ): Promise<Map<string, BuyerContacts | undefined>> {
    const unique = [...new Set(userIds)];
    const activeOf = this.storage.read.devices.listByUsers(unique).then((devices) => {
      const active = new Map<string, Device[]>(unique.map((id) => [id, []]));
      for (const device of devices) if (device.state === 'active') active.get(device.user_id)?.push(device);
      return active;
    });
    // With a letter every buyer's profile is needed: read it beside the devices.
    const wanted = needs.letter
      ? unique
      : [...(await activeOf)].filter(([, d]) => d.length > 0).map(([id]) => id);
    const [profiles, active] = await Promise.all([this.#profiles(wanted), activeOf]);
    return new Map(
      unique.map((id) => {
        const profile = profiles.get(id);
        return [id, profile && { profile, devices: active.get(id) ?? [] }];
      }),
    );
  }

  /** `get` for several users: one read of the stored profiles, identity's basics for the others. */
  async #profiles(userIds: readonly string[]): Promise<Map<string, Profile>> {
    if (userIds.length === 0) return new Map();
    const stored = await this.storage.read.profiles.getMany(userIds);
    await Promise.all(
      userIds.filter((id) => !stored.has(id)).map(async (id) => stored.set(id, await this.#fromBasics(id))),
    );
    return stored;
  }
}
