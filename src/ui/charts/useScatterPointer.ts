/**
 * Pointer handling for the scatter plot's plot area: hover picks the nearest point through the layout's
 * bucket grid; a drag draws a brush rectangle and reports the ids inside it; a click clears the brush.
 */
import { type PointerEvent, useEffect, useRef, useState } from 'react';
import { isClickNotDrag, type PixelPoint, type PixelRect, rectFromDrag } from './brushGeometry';
import { nearestPointIndex } from './pointGrid';
import { brushedIds, type PointId, type ScatterLayout } from './scatterLayout';

export interface ScatterPointerOptions {
  hoverRadius: number;
  onHover?: (id: PointId | null, clientX: number, clientY: number) => void;
  onBrush?: (ids: PointId[]) => void;
  /** When this string changes (axes, size), a drawn rectangle no longer means anything and is cleared. */
  axesKey: string;
}

type Handler = (e: PointerEvent<SVGRectElement>) => void;

export interface ScatterPointer {
  /** Position in layout.ids of the hovered point, or −1. */
  hovered: number;
  brush: PixelRect | null;
  brushCount: number;
  handlers: {
    onPointerDown: Handler;
    onPointerMove: Handler;
    onPointerUp: Handler;
    onPointerLeave: Handler;
    onPointerCancel: Handler;
  };
}

function localPoint(e: PointerEvent<SVGRectElement>): PixelPoint {
  const box = e.currentTarget.getBoundingClientRect();
  return { x: e.clientX - box.left, y: e.clientY - box.top };
}

export function useScatterPointer(layout: ScatterLayout, options: ScatterPointerOptions): ScatterPointer {
  const { hoverRadius, onHover, onBrush, axesKey } = options;
  const { innerWidth, innerHeight } = layout;
  const dragStart = useRef<PixelPoint | null>(null);
  const [hovered, setHovered] = useState(-1);
  const [brush, setBrush] = useState<PixelRect | null>(null);
  const [brushCount, setBrushCount] = useState(0);

  // axesKey is the trigger: a new axis kind or size clears the rectangle.
  useEffect(() => {
    setBrush(null);
    setBrushCount(0);
  }, [axesKey]);

  const onPointerDown: Handler = (e) => {
    if (e.button !== 0) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    dragStart.current = localPoint(e);
  };

  const onPointerMove: Handler = (e) => {
    const p = localPoint(e);
    const start = dragStart.current;
    if (start) {
      if (!isClickNotDrag(start, p)) setBrush(rectFromDrag(start, p, innerWidth, innerHeight));
      return;
    }
    const k = nearestPointIndex(layout.grid, p.x, p.y, hoverRadius);
    if (k !== hovered) setHovered(k);
    if (k >= 0) onHover?.(layout.ids[k]!, e.clientX, e.clientY);
    else if (hovered >= 0) onHover?.(null, e.clientX, e.clientY);
  };

  const onPointerUp: Handler = (e) => {
    const start = dragStart.current;
    dragStart.current = null;
    if (!start) return;
    const end = localPoint(e);
    if (isClickNotDrag(start, end)) {
      setBrush(null);
      setBrushCount(0);
      onBrush?.([]);
      return;
    }
    const rect = rectFromDrag(start, end, innerWidth, innerHeight);
    const ids = brushedIds(layout, rect);
    setBrush(rect);
    setBrushCount(ids.length);
    onBrush?.(ids);
  };

  const onPointerLeave: Handler = (e) => {
    if (dragStart.current || hovered < 0) return;
    setHovered(-1);
    onHover?.(null, e.clientX, e.clientY);
  };

  const onPointerCancel: Handler = () => {
    dragStart.current = null;
  };

  return {
    hovered: hovered < layout.ids.length ? hovered : -1,
    brush,
    brushCount,
    handlers: { onPointerDown, onPointerMove, onPointerUp, onPointerLeave, onPointerCancel },
  };
}
