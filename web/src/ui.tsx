import { type ReactNode, useCallback, useEffect, useRef, useState } from 'react';
import { errorText } from './api/client.ts';
import { formatMoney } from './lib/money.ts';

/** Loads data on mount (and on `reload`), keeping the last good value while reloading. */
export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[] = []) {
  const [state, setState] = useState<{ data?: T; error?: string; loading: boolean }>({ loading: true });
  const loadRef = useRef(load);
  loadRef.current = load;
  const reload = useCallback(async () => {
    setState((previous) => ({ ...previous, loading: true }));
    try {
      const data = await loadRef.current();
      setState({ data, loading: false });
    } catch (error) {
      setState((previous) => ({ ...previous, error: errorText(error), loading: false }));
    }
    // biome-ignore lint/correctness/useExhaustiveDependencies: the caller names what the load depends on
  }, deps);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { ...state, reload };
}

/** Calls `tick` every `ms` while the page is shown. */
export function useInterval(tick: () => void, ms: number): void {
  const tickRef = useRef(tick);
  tickRef.current = tick;
  useEffect(() => {
    const id = setInterval(() => tickRef.current(), ms);
    return () => clearInterval(id);
  }, [ms]);
}

export const Money = ({ amount, currency }: { amount: number; currency: string }) => (
  <span className="money">{formatMoney(amount, currency)}</span>
);

export const Loading = ({ what }: { what: string }) => (
  <p className="loading" role="status">
    Loading {what}…
  </p>
);

export const Empty = ({ children }: { children: ReactNode }) => <p className="empty">{children}</p>;

/** An error in words, announced to screen readers. */
export const ErrorText = ({ text }: { text: string | undefined }) =>
  text ? (
    <p className="error" role="alert">
      {text}
    </p>
  ) : null;

export const Notice = ({ text }: { text: string | undefined }) =>
  text ? (
    <p className="notice" role="status">
      {text}
    </p>
  ) : null;

/** A section of a screen with its heading. */
export const Panel = ({ title, children, id }: { title: string; children: ReactNode; id?: string }) => {
  const headingId = `${id ?? title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-heading`;
  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{title}</h2>
      {children}
    </section>
  );
};

export const when = (iso: string | null | undefined) => (iso ? new Date(iso).toLocaleString() : '');

export const shortId = (id: string) => id.slice(0, 8);
