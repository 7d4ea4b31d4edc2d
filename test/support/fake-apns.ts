import { generateKeyPairSync, randomUUID } from 'node:crypto';
import {
  createSecureServer,
  type Http2SecureServer,
  type IncomingHttpHeaders,
  type ServerHttp2Session,
  type ServerHttp2Stream,
} from 'node:http2';
import type { AddressInfo } from 'node:net';
import { decodeProtectedHeader, jwtVerify } from 'jose';
import { generateTestCertificate } from './test-certificate.ts';

/**
 * A local stand-in for APNs: HTTP/2 over TLS with a certificate made at test time, the
 * `POST /3/device/<token>` API, provider-token (JWT) authentication checked like Apple does
 * (ES256, `kid` = key id, `iss` = team id, signed by the .p8 key this fake made), and the
 * status codes and reasons of Apple's "Handling notification responses from APNs".
 */
export type ApnsAnswer =
  | 'success'
  | 'unregistered'
  | 'bad-device-token'
  | { tooManyRequests: { retryAfter?: string } }
  | 'internal'
  | 'unavailable'
  | 'invalid-provider-token'
  | 'expired-provider-token';

export interface ApnsRequestRecord {
  method: string | undefined;
  path: string | undefined;
  deviceToken: string;
  topic: string | undefined;
  pushType: string | undefined;
  priority: string | undefined;
  apnsId: string | undefined;
  /** The provider token's protected header and claims, as sent. */
  jwtHeader: Record<string, unknown> | undefined;
  jwtClaims: Record<string, unknown> | undefined;
  payload: { aps?: { alert?: { title?: string; body?: string } }; [key: string]: unknown };
  answeredStatus: number;
}

export interface FakeApns {
  host: string;
  port: number;
  /** The certificate a client must trust (pass as node-apn's `ca`). */
  ca: string;
  topic: string;
  /** The .p8 key, key id and team id this fake accepts provider tokens from. */
  signing: { key: string; keyId: string; teamId: string };
  script(deviceToken: string, ...answers: ApnsAnswer[]): void;
  requests: ApnsRequestRecord[];
  requestsTo(deviceToken: string): ApnsRequestRecord[];
  /** HTTP/2 sessions opened so far: shows whether a client reuses its session. */
  readonly sessionsOpened: number;
  close(): Promise<void>;
}

export async function startFakeApns({
  topic = 'com.example.orderflow',
  keyId = 'ABC123DEFG',
  teamId = 'DEF123GHIJ',
} = {}): Promise<FakeApns> {
  const tls = generateTestCertificate('fake apns');
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const scripts = new Map<string, ApnsAnswer[]>();
  /** Like APNs, a token once answered 410 Unregistered stays so. */
  const unregistered = new Set<string>();
  const requests: ApnsRequestRecord[] = [];
  const server: Http2SecureServer = createSecureServer({ key: tls.key, cert: tls.cert });
  const sessions = new Set<ServerHttp2Session>();
  let sessionsOpened = 0;
  server.on('session', (session) => {
    sessionsOpened++;
    sessions.add(session);
    session.on('close', () => sessions.delete(session));
  });

  server.on('stream', (stream, headers) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => {
      void answer(stream, headers, Buffer.concat(chunks).toString('utf8')).catch(() => {
        if (!stream.closed) respond(stream, 500, { reason: 'InternalServerError' });
      });
    });
  });

  async function answer(
    stream: ServerHttp2Stream,
    headers: IncomingHttpHeaders,
    body: string,
  ): Promise<void> {
    const path = headers[':path'];
    const record: ApnsRequestRecord = {
      method: headers[':method'],
      path,
      deviceToken: /^\/3\/device\/(.+)$/.exec(path ?? '')?.[1] ?? '',
      topic: one(headers['apns-topic']),
      pushType: one(headers['apns-push-type']),
      priority: one(headers['apns-priority']),
      apnsId: one(headers['apns-id']),
      jwtHeader: undefined,
      jwtClaims: undefined,
      payload: parseJson(body),
      answeredStatus: 0,
    };
    requests.push(record);
    const [status, reply, extra] = await decide(record, one(headers.authorization));
    record.answeredStatus = status;
    respond(stream, status, reply, { 'apns-id': record.apnsId ?? randomUUID(), ...extra });
  }

  async function decide(
    record: ApnsRequestRecord,
    authorization: string | undefined,
  ): Promise<[number, { reason: string; timestamp?: number } | undefined, Record<string, string>?]> {
    if (record.method !== 'POST' || !record.deviceToken) return [405, { reason: 'MethodNotAllowed' }];
    const jwt = /^bearer (.+)$/i.exec(authorization ?? '')?.[1];
    if (!jwt) return [403, { reason: 'MissingProviderToken' }];
    try {
      record.jwtHeader = decodeProtectedHeader(jwt) as Record<string, unknown>;
      const { payload, protectedHeader } = await jwtVerify(jwt, publicKey, {
        algorithms: ['ES256'],
        issuer: teamId,
      });
      record.jwtClaims = payload as Record<string, unknown>;
      if (protectedHeader.kid !== keyId || typeof payload.iat !== 'number') {
        return [403, { reason: 'InvalidProviderToken' }];
      }
    } catch {
      return [403, { reason: 'InvalidProviderToken' }];
    }
    if (!record.topic) return [400, { reason: 'MissingTopic' }];
    if (record.topic !== topic) return [400, { reason: 'TopicDisallowed' }];
    const token = record.deviceToken;
    const next = unregistered.has(token) ? 'unregistered' : (scripts.get(token)?.shift() ?? 'success');
    if (next === 'unregistered') unregistered.add(token);
    return answerFor(next);
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    get sessionsOpened() {
      return sessionsOpened;
    },
    host: '127.0.0.1',
    port,
    ca: tls.cert,
    topic,
    signing: { key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), keyId, teamId },
    script: (token, ...answers) => scripts.set(token, [...(scripts.get(token) ?? []), ...answers]),
    requests,
    requestsTo: (token) => requests.filter((r) => r.deviceToken === token),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Open client sessions would keep close() waiting: end them.
        for (const session of sessions) session.destroy();
      }),
  };
}

function answerFor(
  answer: ApnsAnswer,
): [number, { reason: string; timestamp?: number } | undefined, Record<string, string>?] {
  if (typeof answer === 'object') {
    const { retryAfter } = answer.tooManyRequests;
    return [
      429,
      { reason: 'TooManyRequests' },
      retryAfter === undefined ? {} : { 'retry-after': retryAfter },
    ];
  }
  switch (answer) {
    case 'success':
      return [200, undefined];
    case 'unregistered':
      return [410, { reason: 'Unregistered', timestamp: 1_764_460_800_000 }];
    case 'bad-device-token':
      return [400, { reason: 'BadDeviceToken' }];
    case 'internal':
      return [500, { reason: 'InternalServerError' }];
    case 'unavailable':
      return [503, { reason: 'ServiceUnavailable' }];
    case 'invalid-provider-token':
      return [403, { reason: 'InvalidProviderToken' }];
    case 'expired-provider-token':
      return [403, { reason: 'ExpiredProviderToken' }];
  }
}

function respond(
  stream: ServerHttp2Stream,
  status: number,
  body: object | undefined,
  headers: Record<string, string> = {},
): void {
  if (body === undefined) {
    stream.respond({ ':status': status, ...headers }, { endStream: true });
    return;
  }
  stream.respond({ ':status': status, 'content-type': 'application/json', ...headers });
  stream.end(JSON.stringify(body));
}

function one(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function parseJson(raw: string): ApnsRequestRecord['payload'] {
  try {
    return JSON.parse(raw) as ApnsRequestRecord['payload'];
  } catch {
    return {};
  }
}
