import type { ReactElement } from 'react';
import type { Session } from './auth/session.ts';
import { useAuth } from './auth/use-auth.ts';
import { Link, match, navigate, usePath } from './router.tsx';
import { AdminCarriers } from './screens/admin-carriers.tsx';
import { AdminProducts, AdminWallets } from './screens/admin-catalog.tsx';
import { AdminFoodPoints } from './screens/admin-food-points.tsx';
import { AdminOrder, AdminOrders } from './screens/admin-orders.tsx';
import { BuyerMenu } from './screens/buyer-menu.tsx';
import { BuyerOrders } from './screens/buyer-orders.tsx';
import { BuyerWallet } from './screens/buyer-wallet.tsx';
import { OrderPage } from './screens/order-page.tsx';
import { SignIn } from './screens/sign-in.tsx';
import { CourierScreen, DevInbox, KitchenScreen } from './screens/staff.tsx';
import { ErrorText, Loading } from './ui.tsx';

interface Screen {
  path: string;
  label?: string;
  role: string;
  render: (params: Record<string, string>, session: Session) => ReactElement;
}

/** Every screen, by the role it is for; the navigation shows those of the token's roles. */
const SCREENS: Screen[] = [
  { path: '/menu', label: 'Menu', role: 'buyer', render: () => <BuyerMenu /> },
  { path: '/orders', label: 'My orders', role: 'buyer', render: () => <BuyerOrders /> },
  { path: '/wallet', label: 'Wallet', role: 'buyer', render: () => <BuyerWallet /> },
  {
    path: '/orders/:id',
    role: 'buyer',
    render: ({ id }) => <OrderPage orderId={id!} canCancel />,
  },
  { path: '/admin/orders', label: 'Orders', role: 'admin', render: () => <AdminOrders /> },
  { path: '/admin/orders/:id', role: 'admin', render: ({ id }) => <AdminOrder orderId={id!} /> },
  { path: '/admin/wallets', label: 'Wallets', role: 'admin', render: () => <AdminWallets /> },
  { path: '/admin/products', label: 'Products', role: 'admin', render: () => <AdminProducts /> },
  {
    path: '/admin/food-points',
    label: 'Food points & recipes',
    role: 'admin',
    render: () => <AdminFoodPoints />,
  },
  { path: '/admin/carriers', label: 'Carriers', role: 'admin', render: () => <AdminCarriers /> },
  { path: '/admin/inbox', label: 'Dev inbox', role: 'admin', render: () => <DevInbox /> },
  { path: '/kitchen', label: 'Kitchen', role: 'kitchen', render: () => <KitchenScreen /> },
  { path: '/courier', label: 'Courier', role: 'courier', render: () => <CourierScreen /> },
];

const HOME: Record<string, string> = {
  buyer: '/menu',
  admin: '/admin/orders',
  kitchen: '/kitchen',
  courier: '/courier',
};

const homeOf = (session: Session) => HOME[session.roles.find((role) => role in HOME) ?? ''] ?? '/menu';

/** The app: sign-in, then the screens the token's roles allow. */
export function App() {
  const auth = useAuth();
  const { session } = auth;
  const path = usePath();

  if (!auth.method) {
    return (
      <main className="sign-in">
        <h1>orderflow</h1>
        {auth.failure ? (
          <ErrorText text={`Cannot reach the server: ${auth.failure}`} />
        ) : (
          <Loading what="orderflow" />
        )}
      </main>
    );
  }
  if (!session) {
    return (
      <SignIn
        auth={auth}
        onSignedIn={(signedIn) => {
          if (path === '/' || !SCREENS.some((s) => match(s.path, path) && signedIn.roles.includes(s.role)))
            navigate(homeOf(signedIn));
        }}
      />
    );
  }

  const allowed = SCREENS.filter((screen) => session.roles.includes(screen.role));
  const current = allowed.find((screen) => match(screen.path, path));
  if (!current && (path === '/' || path === '')) {
    queueMicrotask(() => navigate(homeOf(session)));
  }
  return (
    <>
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header>
        <span className="brand">orderflow</span>
        <nav aria-label="Main">
          <ul>
            {allowed
              .filter((screen) => screen.label)
              .map((screen) => (
                <li key={screen.path}>
                  <Link to={screen.path}>{screen.label}</Link>
                </li>
              ))}
          </ul>
        </nav>
        <span className="who">
          {session.username}{' '}
          <button type="button" className="secondary" onClick={() => auth.signOut()}>
            Sign out
          </button>
        </span>
      </header>
      <main id="main">
        {current ? (
          current.render(match(current.path, path) ?? {}, session)
        ) : path === '/' ? null : (
          <p role="alert">
            There is no such page for you. <Link to={homeOf(session)}>Go to the start page</Link>.
          </p>
        )}
      </main>
    </>
  );
}
