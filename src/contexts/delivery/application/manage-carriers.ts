import { randomBytes } from 'node:crypto';
import type { Clock } from '../../../shared/clock.ts';
import { DomainError } from '../../../shared/errors.ts';
import type { IdGenerator } from '../../../shared/ids.ts';
import type { UnitOfWork } from '../../../shared/ports/unit-of-work.ts';
import {
  type Carrier,
  type CarrierSecret,
  DEFAULT_STATUS_MAPPING,
  secretKeyLength,
  validCarrierId,
  validStatusMapping,
} from '../domain/carrier.ts';
import { CarrierCache } from './carrier-cache.ts';
import type { CarrierStore } from './ports.ts';

/** A carrier as admins list it: secrets shown by id and a short hint, never in full. */
export interface CarrierView {
  carrier_id: string;
  display_name: string;
  status_mapping: Record<string, string>;
  secrets: { secret_id: string; hint: string; created_at: string }[];
  created_at: string;
  updated_at: string;
}

/** A secret as shown once, in the answer that created it. */
export interface IssuedSecret {
  secret_id: string;
  secret: string;
  created_at: string;
}

/** A fresh `whsec_` secret: 32 random bytes, base64 (Standard Webhooks' format). */
export const newWebhookSecret = (): string => `whsec_${randomBytes(32).toString('base64')}`;

/** Admin use cases over carriers (DESIGN.md: `/api/v1/carriers…`). */
export class ManageCarriers {
  constructor(
    private readonly storage: UnitOfWork<{ carriers: CarrierStore }>,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    /** Shared with `ReceiveCarrierUpdate`: every change here forgets the carrier there. */
    private readonly cache: CarrierCache = new CarrierCache(0),
  ) {}

  async create(input: {
    carrier_id: string;
    display_name: string;
    status_mapping?: Record<string, string> | undefined;
    secret?: string | undefined;
  }): Promise<{ carrier: CarrierView; secret: IssuedSecret }> {
    const at = this.clock.now().toISOString();
    const secret = this.issue(input.secret, at);
    const carrier: Carrier = {
      carrier_id: validCarrierId(input.carrier_id),
      display_name: input.display_name,
      secrets: [secret],
      status_mapping: input.status_mapping
        ? validStatusMapping(input.status_mapping)
        : DEFAULT_STATUS_MAPPING,
      created_at: at,
      updated_at: at,
    };
    this.cache.forget(carrier.carrier_id);
    if (!(await this.storage.read.carriers.create(carrier))) {
      throw new DomainError('CARRIER_EXISTS', `carrier ${carrier.carrier_id} exists`, {
        carrier_id: carrier.carrier_id,
      });
    }
    return { carrier: toCarrierView(carrier), secret };
  }

  async list(): Promise<CarrierView[]> {
    return (await this.storage.read.carriers.list()).map(toCarrierView);
  }

  async get(carrierId: string): Promise<CarrierView> {
    return toCarrierView(await this.found(carrierId));
  }

  async update(
    carrierId: string,
    change: { display_name?: string | undefined; status_mapping?: Record<string, string> | undefined },
  ): Promise<CarrierView> {
    const updated = await this.storage.read.carriers.update(
      carrierId,
      {
        ...(change.display_name === undefined ? {} : { display_name: change.display_name }),
        ...(change.status_mapping === undefined
          ? {}
          : { status_mapping: validStatusMapping(change.status_mapping) }),
      },
      this.clock.now().toISOString(),
    );
    this.cache.forget(carrierId);
    if (!updated) throw notFound(carrierId);
    return this.get(carrierId);
  }

  /** Rotation, step one: a new secret the carrier may sign with while the old ones still work. */
  async addSecret(carrierId: string, given?: string): Promise<IssuedSecret> {
    const secret = this.issue(given, this.clock.now().toISOString());
    const added = await this.storage.read.carriers.addSecret(carrierId, secret);
    this.cache.forget(carrierId);
    if (!added) throw notFound(carrierId);
    return secret;
  }

  /** Rotation, step two: retire an old secret. The last one stays (else nothing could sign). */
  async removeSecret(carrierId: string, secretId: string): Promise<void> {
    await this.storage.transaction(async (tx) => {
      const carrier = await tx.carriers.get(carrierId);
      if (!carrier) throw notFound(carrierId);
      if (!carrier.secrets.some((s) => s.secret_id === secretId)) {
        throw new DomainError('CARRIER_NOT_FOUND', `carrier ${carrierId} has no secret ${secretId}`, {
          carrier_id: carrierId,
          secret_id: secretId,
        });
      }
      if (carrier.secrets.length === 1) {
        throw new DomainError('CARRIER_LAST_SECRET', 'add the new secret before retiring the last one', {
          carrier_id: carrierId,
        });
      }
      await tx.carriers.removeSecret(carrierId, secretId);
    });
    this.cache.forget(carrierId);
  }

  private async found(carrierId: string): Promise<Carrier> {
    const carrier = await this.storage.read.carriers.get(carrierId);
    if (!carrier) throw notFound(carrierId);
    return carrier;
  }

  private issue(given: string | undefined, at: string): CarrierSecret {
    const secret = given ?? newWebhookSecret();
    secretKeyLength(secret);
    return { secret_id: this.ids.next(), secret, created_at: at };
  }
}

const notFound = (carrierId: string) =>
  new DomainError('CARRIER_NOT_FOUND', `no carrier ${carrierId}`, { carrier_id: carrierId });

export const toCarrierView = (carrier: Carrier): CarrierView => ({
  carrier_id: carrier.carrier_id,
  display_name: carrier.display_name,
  status_mapping: { ...carrier.status_mapping },
  secrets: carrier.secrets.map((s) => ({
    secret_id: s.secret_id,
    hint: `${s.secret.slice(0, 10)}…`,
    created_at: s.created_at,
  })),
  created_at: carrier.created_at,
  updated_at: carrier.updated_at,
});
