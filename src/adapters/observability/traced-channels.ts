import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { DeliveryOutcome, EmailChannel, PushChannel } from '../../shared/ports/notification-channel.ts';

const tracer = trace.getTracer('orderflow.notifications');

/**
 * A span around each send, child of whatever is active (the notifications consumer's span, or
 * a retry pass). FCM's HTTP calls appear under it through the undici instrumentation; SMTP
 * (nodemailer) and APNs (HTTP/2) have no instrumentation, so this span is theirs.
 */
async function traced(
  name: string,
  attributes: Record<string, string>,
  send: () => Promise<DeliveryOutcome>,
): Promise<DeliveryOutcome> {
  return tracer.startActiveSpan(name, { kind: SpanKind.CLIENT, attributes }, async (span) => {
    try {
      const result = await send();
      span.setAttribute('orderflow.notification.outcome', result.outcome);
      if (result.provider.status !== undefined)
        span.setAttribute('orderflow.notification.provider_status', result.provider.status);
      if (result.provider.error_code)
        span.setAttribute('orderflow.notification.error_code', result.provider.error_code);
      if (result.outcome !== 'delivered') span.setStatus({ code: SpanStatusCode.ERROR });
      return result;
    } catch (error) {
      span.recordException(error instanceof Error ? error : String(error));
      span.setStatus({ code: SpanStatusCode.ERROR });
      throw error;
    } finally {
      span.end();
    }
  });
}

export function tracedEmailChannel(channel: EmailChannel): EmailChannel {
  return {
    send: (message) =>
      traced('notification send email', { 'orderflow.channel': 'email' }, () => channel.send(message)),
    ...closer(channel),
  };
}

export function tracedPushChannel(channel: PushChannel): PushChannel {
  const name = `push_${channel.platform}`;
  return {
    platform: channel.platform,
    send: (message) =>
      traced(`notification send ${name}`, { 'orderflow.channel': name }, () => channel.send(message)),
    ...closer(channel),
  };
}

function closer(channel: { close?(): Promise<void> }): { close?(): Promise<void> } {
  const close = channel.close?.bind(channel);
  return close ? { close } : {};
}
