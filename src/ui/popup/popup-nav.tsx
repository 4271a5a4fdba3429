import { NAV_ITEMS, navSection, type PopupRoute } from './popup-route.ts';

export function PopupNav({ route, onRoute }: { route: PopupRoute; onRoute: (r: PopupRoute) => void }) {
  const section = navSection(route);
  return (
    <nav class="nav" aria-label="Wallet pages">
      {NAV_ITEMS.map(([r, label]) => (
        <button
          key={r}
          type="button"
          data-testid={`nav-${r}`}
          aria-current={r === section ? 'page' : undefined}
          onClick={() => onRoute(r)}
        >
          {label}
        </button>
      ))}
    </nav>
  );
}
