import { api, unwrap } from '../api/client.ts';
import { Link } from '../router.tsx';
import { Empty, ErrorText, Loading, Money, Panel, shortId, useLoad, when } from '../ui.tsx';

const KIND_WORDS = { top_up: 'Top-up', debit: 'Payment', refund: 'Refund' } as const;

/** The buyer's wallet: balance and ledger, newest first. */
export function BuyerWallet() {
  const wallet = useLoad(() => unwrap(api.GET('/api/v1/me/wallet', { params: { query: { limit: 50 } } })));
  return (
    <Panel title="Wallet">
      {wallet.loading && !wallet.data && <Loading what="your wallet" />}
      <ErrorText text={wallet.error} />
      {wallet.data && (
        <>
          <p className="balance">
            Balance:{' '}
            <strong data-testid="wallet-balance">
              <Money amount={wallet.data.balance} currency={wallet.data.currency} />
            </strong>
          </p>
          {wallet.data.operations.length === 0 ? (
            <Empty>No payments or top-ups yet.</Empty>
          ) : (
            <table>
              <caption>Ledger, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">What</th>
                  <th scope="col">Order</th>
                  <th scope="col">Amount</th>
                </tr>
              </thead>
              <tbody>
                {wallet.data.operations.map((operation) => (
                  <tr key={operation.id}>
                    <td>{when(operation.created_at)}</td>
                    <td>{KIND_WORDS[operation.kind]}</td>
                    <td>
                      {operation.order_id ? (
                        <Link to={`/orders/${operation.order_id}`}>{shortId(operation.order_id)}</Link>
                      ) : (
                        '—'
                      )}
                    </td>
                    <td>
                      <Money amount={operation.amount} currency={wallet.data!.currency} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </Panel>
  );
}
