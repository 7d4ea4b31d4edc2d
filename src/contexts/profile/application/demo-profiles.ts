import { DEMO_USER_IDS } from '../../identity/index.ts';
import type { Profile } from './ports.ts';

/** The demo buyers' profiles: alice reads English, bob Russian, so both templates get used. */
export const DEMO_PROFILES: readonly Profile[] = Object.freeze([
  {
    user_id: DEMO_USER_IDS.alice,
    display_name: 'Alice',
    email: 'alice@orderflow.local',
    locale: 'en',
    channels: { email: true, push: true, live: true },
  },
  {
    user_id: DEMO_USER_IDS.bob,
    display_name: 'Боб',
    email: 'bob@orderflow.local',
    locale: 'ru',
    channels: { email: true, push: true, live: true },
  },
]);
