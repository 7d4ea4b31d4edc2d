import { describe, expect, it } from 'vitest';
import { classifyFcmAnswer } from './fcm-classification.ts';

const FCM_ERROR = 'type.googleapis.com/google.firebase.fcm.v1.FcmError';
const now = Date.parse('2026-11-30T00:00:00Z');

function error(status: number, grpcStatus: string, errorCode?: string, message = 'x') {
  return {
    error: {
      code: status,
      message,
      status: grpcStatus,
      ...(errorCode ? { details: [{ '@type': FCM_ERROR, errorCode }] } : {}),
    },
  };
}

describe('classifyFcmAnswer', () => {
  it('2xx is delivered, with the message name when FCM gives one', () => {
    expect(
      classifyFcmAnswer({ status: 200, body: { name: 'projects/p/messages/1' }, retryAfter: null }, now),
    ).toEqual({ outcome: 'delivered', provider: { status: 200, message_id: 'projects/p/messages/1' } });
    expect(classifyFcmAnswer({ status: 200, body: null, retryAfter: null }, now)).toEqual({
      outcome: 'delivered',
      provider: { status: 200 },
    });
  });

  it('reads the FcmError detail, not the gRPC status: UNREGISTERED arrives as NOT_FOUND', () => {
    const answer = { status: 404, body: error(404, 'NOT_FOUND', 'UNREGISTERED'), retryAfter: null };
    expect(classifyFcmAnswer(answer, now)).toMatchObject({
      outcome: 'device_invalid',
      provider: { error_code: 'UNREGISTERED' },
    });
  });

  it('a 404 without FcmError (a wrong project or URL) is failed, not a dead device', () => {
    const answer = { status: 404, body: error(404, 'NOT_FOUND'), retryAfter: null };
    expect(classifyFcmAnswer(answer, now)).toMatchObject({
      outcome: 'failed',
      provider: { error_code: 'NOT_FOUND' },
    });
  });

  it('INVALID_ARGUMENT is about the token only when it says so', () => {
    const aboutToken = error(
      400,
      'INVALID_ARGUMENT',
      'INVALID_ARGUMENT',
      'The registration token is not a valid FCM registration token',
    );
    const aboutPayload = error(400, 'INVALID_ARGUMENT', 'INVALID_ARGUMENT', 'Invalid JSON payload received.');
    expect(classifyFcmAnswer({ status: 400, body: aboutToken, retryAfter: null }, now).outcome).toBe(
      'device_invalid',
    );
    expect(classifyFcmAnswer({ status: 400, body: aboutPayload, retryAfter: null }, now).outcome).toBe(
      'failed',
    );
  });

  it('transient codes and statuses retry, honouring Retry-After; a body that is not JSON does not make it a success', () => {
    expect(
      classifyFcmAnswer(
        { status: 429, body: error(429, 'RESOURCE_EXHAUSTED', 'QUOTA_EXCEEDED'), retryAfter: '3' },
        now,
      ),
    ).toMatchObject({ outcome: 'retry', retry_after_ms: 3000, provider: { error_code: 'QUOTA_EXCEEDED' } });
    expect(classifyFcmAnswer({ status: 502, body: null, retryAfter: null }, now)).toEqual({
      outcome: 'retry',
      provider: { status: 502 },
    });
    expect(
      classifyFcmAnswer(
        { status: 500, body: error(500, 'INTERNAL', 'UNSPECIFIED_ERROR'), retryAfter: null },
        now,
      ).outcome,
    ).toBe('retry');
  });

  it('credential and sender errors are failed', () => {
    expect(
      classifyFcmAnswer(
        { status: 401, body: error(401, 'UNAUTHENTICATED', 'THIRD_PARTY_AUTH_ERROR'), retryAfter: null },
        now,
      ),
    ).toMatchObject({ outcome: 'failed', provider: { status: 401, error_code: 'THIRD_PARTY_AUTH_ERROR' } });
    expect(
      classifyFcmAnswer(
        { status: 403, body: error(403, 'PERMISSION_DENIED', 'SENDER_ID_MISMATCH'), retryAfter: '9' },
        now,
      ),
    ).toMatchObject({ outcome: 'failed', provider: { status: 403, error_code: 'SENDER_ID_MISMATCH' } });
  });
});
