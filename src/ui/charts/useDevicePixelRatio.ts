/**
 * window.devicePixelRatio as React state, updated when it changes (browser zoom, moving the window to
 * another screen), so canvases can keep one backing pixel per device pixel.
 */
import { useEffect, useState } from 'react';

const current = () => (typeof window === 'undefined' ? 1 : window.devicePixelRatio || 1);

export function useDevicePixelRatio(): number {
  const [ratio, setRatio] = useState(current);
  useEffect(() => {
    // A resolution media query matches only the present ratio; it fires once when that stops being true.
    const query = window.matchMedia(`(resolution: ${ratio}dppx)`);
    const update = () => setRatio(current());
    query.addEventListener('change', update);
    return () => query.removeEventListener('change', update);
  }, [ratio]);
  return ratio;
}
