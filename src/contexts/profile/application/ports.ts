import type { PushPlatform } from '../../../shared/ports/notification-channel.ts';

export type Locale = 'ru' | 'en';
export const LOCALES: readonly Locale[] = ['en', 'ru'];

/** Which channels the buyer wants to hear from; all on unless they say otherwise. */
export interface ChannelPreferences {
  email: boolean;
  push: boolean;
  live: boolean;
}

/** Seed 003's profile: what the notification service asks for. */
export interface Profile {
  user_id: string;
  display_name: string | null;
  email: string | null;
  locale: Locale;
  channels: ChannelPreferences;
}

export type DeviceState = 'active' | 'disabled';

/** A registered push token. A disabled device is never pushed to again. */
export interface Device {
  id: string;
  user_id: string;
  platform: PushPlatform;
  token: string;
  state: DeviceState;
  /** Why it was disabled (the provider's answer, e.g. `UNREGISTERED`); null while active. */
  disabled_reason: string | null;
  created_at: string;
  updated_at: string;
}

/** Stored profiles; a user without a row has the defaults. */
export interface ProfileStore {
  get(userId: string): Promise<Profile | undefined>;
  /** The stored profiles of `userIds` (one read), by user; users without one are left out. */
  getMany(userIds: readonly string[]): Promise<Map<string, Profile>>;
  save(profile: Profile, at: Date): Promise<void>;
}

/** Registered push tokens, unique by token. */
export interface DeviceStore {
  /**
   * Registers `token` for `user_id`: a new device, or the existing one with that token, moved to
   * `user_id` when another user held it (its state is kept: a dead token stays dead).
   */
  register(
    device: { id: string; user_id: string; platform: PushPlatform; token: string },
    at: Date,
  ): Promise<Device>;
  get(deviceId: string): Promise<Device | undefined>;
  /** The devices of these ids that exist (one read), by id as given. */
  getMany(deviceIds: readonly string[]): Promise<Map<string, Device>>;
  /** The user's devices, oldest first. */
  listByUser(userId: string): Promise<Device[]>;
  /** The devices of these users (one read), oldest first. */
  listByUsers(userIds: readonly string[]): Promise<Device[]>;
  /** Removes the user's device; false when it is not theirs or does not exist. */
  remove(deviceId: string, userId: string): Promise<boolean>;
  disable(deviceId: string, reason: string, at: Date): Promise<void>;
}

export interface ProfileStores {
  profiles: ProfileStore;
  devices: DeviceStore;
}

/** What identity knows of a user, the profile's defaults. */
export type UserBasics = (
  userId: string,
) => Promise<{ email: string | null; full_name: string | null } | undefined>;
