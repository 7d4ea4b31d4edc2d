import { readFileSync } from 'node:fs';
import type { Logger } from 'pino';
import { ApnsSender } from '../adapters/push/apns-sender.ts';
import { FcmSender } from '../adapters/push/fcm-sender.ts';
import {
  parseServiceAccountKey,
  type ServiceAccountKey,
  ServiceAccountTokenSource,
} from '../adapters/push/google-access-token.ts';
import type { ApnsConfig, FcmConfig, PushConfig } from '../config.ts';
import type { PushChannel } from '../shared/ports/notification-channel.ts';
import { reason, StartupError } from './startup-error.ts';

/** The configured push providers by platform; a platform without a provider is undefined. */
export interface PushChannels {
  android?: PushChannel;
  ios?: PushChannel;
  /** Closes the providers' connections (APNs keeps an HTTP/2 session open). */
  close(): Promise<void>;
}

/**
 * Builds FcmSender and ApnsSender from the configuration. Key files are read here, once, at
 * start-up: an unreadable or malformed key stops start-up with a line naming its variable.
 */
export function createPushChannels(config: PushConfig, log: Logger): PushChannels {
  const android: PushChannel | undefined = config.fcm ? fcmSender(config.fcm, config.timeoutMs) : undefined;
  const ios: PushChannel | undefined = config.apns ? apnsSender(config.apns, config.timeoutMs) : undefined;
  log.info(
    {
      fcm: config.fcm ? { baseUrl: config.fcm.baseUrl } : 'not configured',
      apns: config.apns
        ? { host: config.apns.host ?? 'Apple', production: config.apns.production, topic: config.apns.topic }
        : 'not configured',
    },
    'push providers',
  );
  return {
    ...(android ? { android } : {}),
    ...(ios ? { ios } : {}),
    close: async () => {
      await Promise.all([android?.close?.(), ios?.close?.()]);
    },
  };
}

function fcmSender(config: FcmConfig, timeoutMs: number): FcmSender {
  const key = serviceAccountKey(config);
  const projectId = config.projectId ?? key.project_id;
  if (!projectId) {
    throw new StartupError('FCM_PROJECT_ID is not set and the service-account key has no project_id');
  }
  return new FcmSender({
    projectId,
    baseUrl: config.baseUrl,
    tokens: new ServiceAccountTokenSource(key, { timeoutMs }),
    timeoutMs,
  });
}

function serviceAccountKey(config: FcmConfig): ServiceAccountKey {
  const fromFile = 'file' in config.serviceAccount;
  const variable = fromFile ? 'FCM_SERVICE_ACCOUNT_FILE' : 'FCM_SERVICE_ACCOUNT_JSON';
  try {
    const json =
      'file' in config.serviceAccount
        ? readFileSync(config.serviceAccount.file, 'utf8')
        : config.serviceAccount.json;
    return parseServiceAccountKey(json, variable);
  } catch (error) {
    throw new StartupError(`${variable}: ${reason(error)}`, { cause: error });
  }
}

function apnsSender(config: ApnsConfig, timeoutMs: number): ApnsSender {
  const key = readKey('APNS_KEY_FILE', config.keyFile);
  if (!/-----BEGIN PRIVATE KEY-----/.test(key)) {
    throw new StartupError(`APNS_KEY_FILE=${config.keyFile} is not a .p8 key (PEM "BEGIN PRIVATE KEY")`);
  }
  return new ApnsSender({
    key,
    keyId: config.keyId,
    teamId: config.teamId,
    topic: config.topic,
    production: config.production,
    port: config.port,
    requestTimeoutMs: timeoutMs,
    ...(config.host ? { host: config.host } : {}),
    ...(config.caFile ? { ca: [readKey('APNS_CA_FILE', config.caFile)] } : {}),
  });
}

function readKey(variable: string, file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new StartupError(`${variable}=${file} cannot be read: ${reason(error)}`, { cause: error });
  }
}
