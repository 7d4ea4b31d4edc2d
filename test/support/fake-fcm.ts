import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { jwtVerify } from 'jose';

/**
 * A local stand-in for FCM HTTP v1 and Google's OAuth2 token endpoint, speaking their
 * documented protocol so the real google-auth-library and our FcmSender talk to it:
 * - `POST /token`: a service-account JWT assertion (RS256, signed with the key this fake made,
 *   `iss` = its client_email, the FCM scope) → an access token;
 * - `POST /v1/projects/{project}/messages:send` with `Authorization: Bearer <that token>` →
 *   the scripted answer for the message's token (success when nothing is scripted; UNREGISTERED
 *   for good once a token was answered so), with the
 *   error bodies of firebase.google.com/docs/reference/fcm/rest/v1/ErrorCode.
 */
export type FcmAnswer =
  | 'success'
  | 'unregistered'
  | 'invalid-token'
  /** INVALID_ARGUMENT about another field of the message: not the device's fault. */
  | 'invalid-payload'
  | { quota: { retryAfter?: string } }
  | 'internal'
  | 'unavailable'
  | 'third-party-auth'
  | 'sender-id-mismatch';

export interface FcmSendRecord {
  project: string;
  authorization: string | undefined;
  contentType: string | undefined;
  body: { message?: { token?: string; notification?: { title?: string; body?: string }; data?: unknown } };
  answeredStatus: number;
}

export interface FakeFcm {
  url: string;
  projectId: string;
  /** A service-account key whose `token_uri` is this fake's token endpoint. */
  serviceAccountKey: Record<string, string>;
  /** Answers for the next sends to `token`, in order; afterwards success. */
  script(token: string, ...answers: FcmAnswer[]): void;
  /** The next token requests are refused with this status and OAuth2 error. */
  refuseTokens(status: number, error: string, times?: number): void;
  sends: FcmSendRecord[];
  sendsTo(token: string): FcmSendRecord[];
  /** Access tokens issued, in order. */
  issuedTokens: string[];
  /** Assertions the token endpoint rejected, with why. */
  rejectedAssertions: string[];
  /** TCP connections accepted so far (sends and token requests): shows whether clients keep them alive. */
  readonly connections: number;
  close(): Promise<void>;
}

const GOOGLE_TOKEN_URL = 'https://oauth2.googleapis.com/token';
const FCM_SCOPE = 'https://www.googleapis.com/auth/firebase.messaging';
const FCM_ERROR = 'type.googleapis.com/google.firebase.fcm.v1.FcmError';

export async function startFakeFcm({ projectId = 'orderflow-test' } = {}): Promise<FakeFcm> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const clientEmail = `orderflow-push@${projectId}.iam.gserviceaccount.com`;
  const scripts = new Map<string, FcmAnswer[]>();
  /** Like FCM, a token once answered UNREGISTERED stays so. */
  const unregistered = new Set<string>();
  const tokenRefusals: Array<{ status: number; error: string }> = [];
  const issuedTokens: string[] = [];
  const rejectedAssertions: string[] = [];
  const sends: FcmSendRecord[] = [];
  let messageCount = 0;

  const server: Server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      json(res, 500, { error: { code: 500, message: String(error), status: 'INTERNAL' } });
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    if (req.method === 'POST' && req.url === '/token') return token(body, res);
    const match = /^\/v1\/projects\/([^/]+)\/messages:send$/.exec(req.url ?? '');
    if (req.method === 'POST' && match) return send(decodeURIComponent(match[1] ?? ''), req, body, res);
    json(res, 404, { error: { code: 404, message: 'Not found', status: 'NOT_FOUND' } });
  }

  async function token(body: string, res: ServerResponse): Promise<void> {
    const refusal = tokenRefusals.shift();
    if (refusal) return json(res, refusal.status, { error: refusal.error, error_description: 'scripted' });
    const form = new URLSearchParams(body);
    const reason = await assertionProblem(form, publicKey, clientEmail);
    if (reason) {
      rejectedAssertions.push(reason);
      return json(res, 400, { error: 'invalid_grant', error_description: reason });
    }
    const accessToken = `ya29.fake-${issuedTokens.length + 1}`;
    issuedTokens.push(accessToken);
    json(res, 200, { access_token: accessToken, expires_in: 3599, token_type: 'Bearer' });
  }

  function send(project: string, req: IncomingMessage, raw: string, res: ServerResponse): void {
    const record: FcmSendRecord = {
      project,
      authorization: req.headers.authorization,
      contentType: req.headers['content-type'],
      body: parseJson(raw) as FcmSendRecord['body'],
      answeredStatus: 0,
    };
    sends.push(record);
    const [status, payload, headers] = answerTo(project, req.headers.authorization, record.body);
    record.answeredStatus = status;
    json(res, status, payload, headers);
  }

  function answerTo(
    project: string,
    authorization: string | undefined,
    body: FcmSendRecord['body'],
  ): [number, unknown, Record<string, string>?] {
    const bearer = /^Bearer (.+)$/.exec(authorization ?? '')?.[1];
    if (!bearer || !issuedTokens.includes(bearer)) {
      return [401, googleError(401, 'UNAUTHENTICATED', 'Request had invalid authentication credentials.')];
    }
    if (project !== projectId) {
      return [403, googleError(403, 'PERMISSION_DENIED', `Permission denied on project ${project}`)];
    }
    const deviceToken = body.message?.token ?? '';
    const answer = unregistered.has(deviceToken)
      ? 'unregistered'
      : (scripts.get(deviceToken)?.shift() ?? 'success');
    if (answer === 'unregistered') unregistered.add(deviceToken);
    return answerFor(answer, project, ++messageCount);
  }

  let connections = 0;
  server.on('connection', () => connections++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    get connections() {
      return connections;
    },
    url,
    projectId,
    serviceAccountKey: {
      type: 'service_account',
      project_id: projectId,
      private_key_id: 'fake-key-1',
      private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      client_email: clientEmail,
      token_uri: `${url}/token`,
    },
    script: (deviceToken, ...answers) =>
      scripts.set(deviceToken, [...(scripts.get(deviceToken) ?? []), ...answers]),
    refuseTokens: (status, error, times = 1) => {
      for (let i = 0; i < times; i++) tokenRefusals.push({ status, error });
    },
    sends,
    sendsTo: (deviceToken) => sends.filter((s) => s.body.message?.token === deviceToken),
    issuedTokens,
    rejectedAssertions,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Why an OAuth2 JWT-bearer grant is not acceptable, or undefined when it is. */
async function assertionProblem(
  form: URLSearchParams,
  publicKey: KeyObject,
  clientEmail: string,
): Promise<string | undefined> {
  if (form.get('grant_type') !== 'urn:ietf:params:oauth:grant-type:jwt-bearer') return 'wrong grant_type';
  const assertion = form.get('assertion');
  if (!assertion) return 'no assertion';
  try {
    const { payload } = await jwtVerify(assertion, publicKey, {
      algorithms: ['RS256'],
      issuer: clientEmail,
      audience: GOOGLE_TOKEN_URL,
    });
    const scopes = String(payload.scope ?? '').split(' ');
    return scopes.includes(FCM_SCOPE) ? undefined : `scope ${String(payload.scope)} lacks ${FCM_SCOPE}`;
  } catch (error) {
    return `assertion rejected: ${String(error)}`;
  }
}

function answerFor(
  answer: FcmAnswer,
  project: string,
  n: number,
): [number, unknown, Record<string, string>?] {
  if (typeof answer === 'object') {
    const headers = answer.quota.retryAfter === undefined ? {} : { 'retry-after': answer.quota.retryAfter };
    return [429, fcmError(429, 'RESOURCE_EXHAUSTED', 'QUOTA_EXCEEDED', 'Quota exceeded.'), headers];
  }
  switch (answer) {
    case 'success':
      return [200, { name: `projects/${project}/messages/0:${n}%fake` }];
    case 'unregistered':
      return [404, fcmError(404, 'NOT_FOUND', 'UNREGISTERED', 'Requested entity was not found.')];
    case 'invalid-token':
      return [
        400,
        invalidArgument('message.token', 'The registration token is not a valid FCM registration token'),
      ];
    case 'invalid-payload':
      return [400, invalidArgument('message.data[0].value', 'Invalid value at message.data[0].value')];
    case 'internal':
      return [500, fcmError(500, 'INTERNAL', 'INTERNAL', 'Internal error encountered.')];
    case 'unavailable':
      return [503, fcmError(503, 'UNAVAILABLE', 'UNAVAILABLE', 'The service is currently unavailable.')];
    case 'third-party-auth':
      return [
        401,
        fcmError(
          401,
          'UNAUTHENTICATED',
          'THIRD_PARTY_AUTH_ERROR',
          'Auth error from APNS or Web Push Service',
        ),
      ];
    case 'sender-id-mismatch':
      return [403, fcmError(403, 'PERMISSION_DENIED', 'SENDER_ID_MISMATCH', 'SenderId mismatch')];
  }
}

function googleError(code: number, status: string, message: string) {
  return { error: { code, message, status } };
}

function fcmError(code: number, status: string, errorCode: string, message: string) {
  return { error: { code, message, status, details: [{ '@type': FCM_ERROR, errorCode }] } };
}

function invalidArgument(field: string, description: string) {
  return {
    error: {
      code: 400,
      message: description,
      status: 'INVALID_ARGUMENT',
      details: [
        { '@type': FCM_ERROR, errorCode: 'INVALID_ARGUMENT' },
        { '@type': 'type.googleapis.com/google.rpc.BadRequest', fieldViolations: [{ field, description }] },
      ],
    },
  };
}

function json(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8', ...headers });
  res.end(JSON.stringify(body));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function parseJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return {};
  }
}
