import { useSyncExternalStore } from 'react';

/** The phone layout's breakpoint (styles.css uses the same 599 px). */
const NARROW = '(max-width: 599px)';

function subscribe(onChange: () => void): () => void {
  const media = window.matchMedia(NARROW);
  media.addEventListener('change', onChange);
  return () => media.removeEventListener('change', onChange);
}

/** True on a phone-width screen; follows rotation and window resizing. */
export function useNarrowScreen(): boolean {
  return useSyncExternalStore(subscribe, () => window.matchMedia(NARROW).matches);
}
