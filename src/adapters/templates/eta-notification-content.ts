import { readFileSync } from 'node:fs';
import { Eta } from 'eta';
import type {
  LetterKind,
  NotificationContent,
  NotificationView,
} from '../../contexts/notifications/index.ts';
import { LOCALES, type Locale } from '../../contexts/profile/index.ts';
import { NOTIFICATION_TEMPLATES_DIR } from '../../install-paths.ts';

interface Strings {
  statuses: Record<string, string>;
  reasons: Record<string, string>;
  greeting: string;
  refunded: string;
}

/**
 * Letters and pushes from eta templates in files, one folder per locale (`ru`, `en`): the HTML
 * part escapes what it inserts, the text part and subjects do not. Each locale's words for
 * statuses and cancellation reasons live beside its templates in `strings.json`.
 */
export class EtaNotificationContent implements NotificationContent {
  readonly #html: Eta;
  readonly #plain: Eta;
  readonly #strings: Record<Locale, Strings>;

  constructor(dir: string = NOTIFICATION_TEMPLATES_DIR) {
    // Templates are read once and cached: a missing or broken one fails at start-up, not per message.
    this.#html = new Eta({ views: dir, autoEscape: true, cache: true, autoTrim: false });
    this.#plain = new Eta({ views: dir, autoEscape: false, cache: true, autoTrim: false });
    this.#strings = Object.fromEntries(
      LOCALES.map((locale) => [
        locale,
        JSON.parse(readFileSync(`${dir}/${locale}/strings.json`, 'utf8')) as Strings,
      ]),
    ) as Record<Locale, Strings>;
    for (const locale of LOCALES) {
      const view: NotificationView = {
        order_id: 'check',
        status: 'CANCELLED',
        previous_status: 'PAID',
        display_name: null,
        link: '',
        reason: 'other',
      };
      this.letter('paid', locale, view);
      this.letter('cancelled', locale, view);
      this.push(locale, view);
    }
  }

  letter(
    kind: LetterKind,
    locale: Locale,
    view: NotificationView,
  ): { subject: string; html: string; text: string } {
    const data = this.#data(locale, view);
    return {
      subject: this.#plain.render(`./${locale}/${kind}.subject.eta`, data).trim(),
      html: this.#html.render(`./${locale}/${kind}.html.eta`, data),
      text: this.#plain.render(`./${locale}/${kind}.text.eta`, data),
    };
  }

  push(locale: Locale, view: NotificationView): { title: string; body: string } {
    const data = this.#data(locale, view);
    return {
      title: this.#plain.render(`./${locale}/push.title.eta`, data).trim(),
      body: this.#plain.render(`./${locale}/push.body.eta`, data).trim(),
    };
  }

  #data(locale: Locale, view: NotificationView) {
    const s = this.#strings[locale];
    return {
      ...view,
      s,
      // Order ids are UUIDs: the first block is enough for a person to recognise the order.
      short_id: view.order_id.slice(0, 8),
      status_text: s.statuses[view.status] ?? view.status,
      reason_text: view.reason ? s.reasons[view.reason] : undefined,
      amount:
        view.total !== undefined && view.currency !== undefined
          ? `${(view.total / 100).toFixed(2)} ${view.currency}`
          : undefined,
    };
  }
}
