/** The profile context (seed 003's profile service): contacts, locale, channel preferences, push devices. */

export { DEMO_PROFILES } from './application/demo-profiles.ts';
export {
  type ChannelPreferences,
  type Device,
  type DeviceState,
  type DeviceStore,
  LOCALES,
  type Locale,
  type Profile,
  type ProfileStore,
  type ProfileStores,
  type UserBasics,
} from './application/ports.ts';
export {
  type BuyerContacts,
  DEFAULT_CHANNELS,
  DEFAULT_LOCALE,
  type ProfileChange,
  Profiles,
} from './application/profiles.ts';
