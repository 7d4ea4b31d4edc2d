import { type ReactElement, useCallback, useEffect, useRef, useState } from 'react';
import { configureApi } from './api/client.ts';
import { forgetSession, isExpired, type Session, storedSession } from './auth/session.ts';
import { Link, match, navigate, usePath } from './router.tsx';
import { AdminFoodPoints, AdminProducts, AdminWallets } from './screens/admin-catalog.tsx';
import { AdminOrder, AdminOrders } from './screens/admin-orders.tsx';
import { BuyerMenu } from './screens/buyer-menu.tsx';
import { BuyerOrders } from './screens/buyer-orders.tsx';
import { BuyerWallet } from './screens/buyer-wallet.tsx';
import { OrderPage } from './screens/order-page.tsx';
import { SignIn } from './screens/sign-in.tsx';
import { CourierScreen, DevInbox, KitchenScreen } from './screens/staff.tsx';

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
    label: 'Kitchens & carriers',
    role: 'admin',
    render: () => <AdminFoodPoints />,
  },
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
  const [session, setSession] = useState<Session | undefined>(storedSession);
  const [notice, setNotice] = useState<string>();
  const path = usePath();

  const signOut = useCallback((why?: string) => {
    forgetSession();
    setSession(undefined);
    setNotice(why);
  }, []);

  // The API client reads the token at call time; set before any screen's first call (children's
  // effects run before this component's own).
  const sessionRef = useRef(session);
  sessionRef.current = session;
  useState(() =>
    configureApi({
      token: () => sessionRef.current?.token,
      onUnauthenticated: () => signOutRef.current('Your session has ended: please sign in again.'),
    }),
  );
  const signOutRef = useRef(signOut);
  signOutRef.current = signOut;

  // Back to sign-in when the token expires, even on a page making no calls.
  useEffect(() => {
    if (!session) return;
    const id = setInterval(() => {
      if (isExpired(session)) signOut('Your session has expired: please sign in again.');
    }, 5000);
    return () => clearInterval(id);
  }, [session, signOut]);

  if (!session) {
    return (
      <SignIn
        notice={notice}
        onSignedIn={(signedIn) => {
          setNotice(undefined);
          sessionRef.current = signedIn;
          setSession(signedIn);
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
          <button type="button" className="secondary" onClick={() => signOut()}>
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
