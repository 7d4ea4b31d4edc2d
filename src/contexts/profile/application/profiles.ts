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
    const stored = await this.storage.read.profiles.get(userId);
    if (stored) return stored;
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
    const active = this.listDevices(userId).then((devices) => devices.filter((d) => d.state === 'active'));
    if (!needs.letter && (await active).length === 0) return undefined;
    const [profile, devices] = await Promise.all([this.get(userId), active]);
    return { profile, devices };
  }
}
