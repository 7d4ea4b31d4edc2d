import { type FormEvent, useState } from 'react';
import { api, errorText, succeed, unwrap } from '../api/client.ts';
import { formatLines, parseStatusMapping } from '../lib/key-values.ts';
import { Empty, ErrorText, Loading, Notice, Panel, useLoad, when } from '../ui.tsx';

/** A signing secret in full: shown once, right after it was made, never again. */
interface Revealed {
  carrier: string;
  secretId: string;
  secret: string;
}

/**
 * Admin: carriers — add one (its first signing secret shown once), change its name and status
 * mapping, rotate its secrets (add a new one, shown once; retire an old one).
 */
export function AdminCarriers() {
  const carriers = useLoad(() => unwrap(api.GET('/api/v1/carriers')));
  const [form, setForm] = useState({ id: '', name: '', mapping: '' });
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<string>();
  const [saved, setSaved] = useState<string>();
  const [revealed, setRevealed] = useState<Revealed>();

  const act = async (what: () => Promise<string | undefined>) => {
    setError(undefined);
    setSaved(undefined);
    setRevealed(undefined);
    try {
      setSaved(await what());
      await carriers.reload();
    } catch (failure) {
      setError(errorText(failure));
    }
  };

  const save = (event: FormEvent) => {
    event.preventDefault();
    const mapping = parseStatusMapping(form.mapping);
    if (!mapping.ok) return setError(mapping.error);
    const carrier = form.id.trim();
    const display_name = form.name.trim();
    void act(async () => {
      if (editing) {
        await unwrap(
          api.PATCH('/api/v1/carriers/{carrier}', {
            params: { path: { carrier } },
            body: { display_name, status_mapping: mapping.value },
          }),
        );
      } else {
        const created = await unwrap(
          api.POST('/api/v1/carriers', {
            body: { carrier_id: carrier, display_name, status_mapping: mapping.value },
          }),
        );
        setRevealed({ carrier, secretId: created.secret.secret_id, secret: created.secret.secret });
      }
      setForm({ id: '', name: '', mapping: '' });
      setEditing(false);
      return `Saved ${display_name}.`;
    });
  };

  const addSecret = (carrier: string, name: string) =>
    act(async () => {
      const issued = await unwrap(
        api.POST('/api/v1/carriers/{carrier}/secrets', { params: { path: { carrier } }, body: {} }),
      );
      setRevealed({ carrier, secretId: issued.secret_id, secret: issued.secret });
      return `Added a signing secret to ${name}.`;
    });

  const retire = (carrier: string, secretId: string) =>
    act(async () => {
      await succeed(
        api.DELETE('/api/v1/carriers/{carrier}/secrets/{secret_id}', {
          params: { path: { carrier, secret_id: secretId } },
        }),
      );
      return `Retired secret ${secretId}.`;
    });

  return (
    <>
      <Panel title="Carriers">
        {carriers.loading && !carriers.data && <Loading what="carriers" />}
        <ErrorText text={carriers.error} />
        {revealed && (
          <div className="notice secret" role="status" data-testid="new-secret">
            <p>
              New signing secret {revealed.secretId} for {revealed.carrier} — copy it now, it will not be
              shown again:
            </p>
            <code>{revealed.secret}</code>
          </div>
        )}
        {carriers.data?.carriers.length === 0 && <Empty>No carriers yet.</Empty>}
        <ul className="cards">
          {carriers.data?.carriers.map((carrier) => (
            <li key={carrier.carrier_id} className="card" data-testid={`carrier-${carrier.carrier_id}`}>
              <h3>
                {carrier.display_name} ({carrier.carrier_id})
              </h3>
              <p>
                Statuses:{' '}
                {Object.entries(carrier.status_mapping)
                  .map(([theirs, ours]) => `${theirs} → ${ours}`)
                  .join(', ') || 'the standard ones'}
              </p>
              <p>Signing secrets:</p>
              <ul>
                {carrier.secrets.map((secret) => (
                  <li key={secret.secret_id}>
                    {secret.secret_id} ({secret.hint}, added {when(secret.created_at)}){' '}
                    <button
                      type="button"
                      className="secondary"
                      aria-label={`Retire secret ${secret.secret_id} of ${carrier.display_name}`}
                      onClick={() => retire(carrier.carrier_id, secret.secret_id)}
                    >
                      Retire
                    </button>
                  </li>
                ))}
              </ul>
              <div className="actions">
                <button
                  type="button"
                  aria-label={`Add a signing secret to ${carrier.display_name}`}
                  onClick={() => addSecret(carrier.carrier_id, carrier.display_name)}
                >
                  Add a signing secret
                </button>{' '}
                <button
                  type="button"
                  className="secondary"
                  aria-label={`Edit ${carrier.display_name}`}
                  onClick={() => {
                    setEditing(true);
                    setForm({
                      id: carrier.carrier_id,
                      name: carrier.display_name,
                      mapping: formatLines(carrier.status_mapping),
                    });
                  }}
                >
                  Edit
                </button>
              </div>
            </li>
          ))}
        </ul>
      </Panel>
      <Panel title={editing ? `Change carrier ${form.id}` : 'Add a carrier'} id="carrier-form">
        <form onSubmit={save} className="grid-form">
          <label>
            Carrier id
            <input
              value={form.id}
              onChange={(e) => setForm({ ...form, id: e.target.value })}
              pattern="[a-z0-9][a-z0-9_-]*"
              readOnly={editing}
              required
            />
          </label>
          <label>
            Display name
            <input value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} required />
          </label>
          <label className="wide">
            Status mapping (one per line: CARRIER_STATUS = IN_DELIVERY or DELIVERED; empty = the standard
            ones)
            <textarea
              rows={3}
              value={form.mapping}
              onChange={(e) => setForm({ ...form, mapping: e.target.value })}
            />
          </label>
          <button type="submit">{editing ? 'Save carrier' : 'Add carrier'}</button>
          {editing && (
            <button
              type="button"
              className="secondary"
              onClick={() => {
                setEditing(false);
                setForm({ id: '', name: '', mapping: '' });
              }}
            >
              Cancel
            </button>
          )}
        </form>
        <ErrorText text={error} />
        <Notice text={saved} />
      </Panel>
    </>
  );
}
