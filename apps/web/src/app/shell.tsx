import { useQueryClient } from '@tanstack/react-query';
import { Suspense, useEffect, useRef, useState } from 'react';
import { NavLink, Outlet, useLocation } from 'react-router';
import { ErrorBoundary } from '../components/error-boundary';
import { useFilters } from '../features/filters/use-filters';
import { ApiStatus, ApiVersion } from './api-status';
import { navItems } from './navigation';
import { prefetchPage } from './prefetch-page';

function currentLabel(pathname: string): string | undefined {
  return navItems.find((item) => (item.path === '/' ? pathname === '/' : pathname.startsWith(item.path)))?.label;
}

/**
 * The frame around every page: navigation (a sidebar from 900 px, a menu button below),
 * API notices, and the page itself, lazy-loaded with loading and error states.
 */
export function Shell() {
  const location = useLocation();
  const { pathname } = location;
  // Links carry the filters, so switching pages keeps the range, team, services and severity.
  const { search } = useFilters();
  const queryClient = useQueryClient();

  // Every navigation (a link, a chart's drill-down, Back): the page's data starts while its chunk loads.
  useEffect(() => void prefetchPage(queryClient, location.pathname, location.search), [queryClient, location.pathname, location.search]);
  // Pointing at or focusing a page link starts that page before the click.
  const prefetchLink = (path: string) => () => void prefetchPage(queryClient, path, search);
  const [menuOpen, setMenuOpen] = useState(false);
  const sidebarRef = useRef<HTMLElement>(null);

  useEffect(() => {
    setMenuOpen(false);
    window.scrollTo(0, 0);
  }, [pathname]);

  useEffect(() => {
    if (!menuOpen) return;
    const closeOnEscape = (event: KeyboardEvent) => event.key === 'Escape' && setMenuOpen(false);
    const closeOnOutsidePointer = (event: PointerEvent) =>
      !sidebarRef.current?.contains(event.target as Node) && setMenuOpen(false);
    document.addEventListener('keydown', closeOnEscape);
    document.addEventListener('pointerdown', closeOnOutsidePointer);
    return () => {
      document.removeEventListener('keydown', closeOnEscape);
      document.removeEventListener('pointerdown', closeOnOutsidePointer);
    };
  }, [menuOpen]);

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <aside className="sidebar" ref={sidebarRef}>
        <div className="sidebar-top">
          <NavLink to={{ pathname: '/', search }} className="brand">
            <svg className="brand-mark" viewBox="0 0 24 24" aria-hidden="true">
              <path d="M12 2c1 4 5 6 5 11a5 5 0 0 1-10 0c0-2 1-3.5 2-4.5 0 2 1 3 2 3 0-3-1-6 1-9.5z" />
            </svg>
            <span>Firewatch</span>
          </NavLink>
          <button
            type="button"
            className="menu-button"
            aria-expanded={menuOpen}
            aria-controls="primary-nav"
            onClick={() => setMenuOpen((open) => !open)}
          >
            <span className="menu-button-page">{currentLabel(pathname) ?? 'Menu'}</span>
            <svg viewBox="0 0 24 24" aria-hidden="true">
              {menuOpen ? <path d="M6 6l12 12M18 6L6 18" /> : <path d="M4 7h16M4 12h16M4 17h16" />}
            </svg>
            <span className="visually-hidden">{menuOpen ? 'Close menu' : 'Open menu'}</span>
          </button>
        </div>
        <nav id="primary-nav" className="nav" aria-label="Pages" data-open={menuOpen}>
          <ul>
            {navItems.map((item) => (
              <li key={item.path}>
                <NavLink
                  to={{ pathname: item.path, search }}
                  end={item.path === '/'}
                  className="nav-link"
                  onPointerEnter={prefetchLink(item.path)}
                  onFocus={prefetchLink(item.path)}
                >
                  {item.label}
                </NavLink>
              </li>
            ))}
          </ul>
          <p className="nav-footer">
            <ApiVersion />
          </p>
        </nav>
      </aside>

      <div className="main-column">
        <div className="notices">
          <ApiStatus />
        </div>
        <main id="main" className="main" tabIndex={-1}>
          <ErrorBoundary resetKey={pathname}>
            <Suspense
              fallback={
                <p className="status-line" role="status">
                  <span className="spinner" aria-hidden="true" /> Loading page…
                </p>
              }
            >
              <Outlet />
            </Suspense>
          </ErrorBoundary>
        </main>
      </div>
    </div>
  );
}
