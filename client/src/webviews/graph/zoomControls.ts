// The zoom buttons of a graph view (−, +, Fit), the same on every page that shows a graph.
import { h } from '../dom';
import type { GraphView } from './render';

const ZOOM_STEP = 1.25;

export function zoomControls(view: GraphView): HTMLButtonElement[] {
  const button = (label: string, title: string, onclick: () => void) =>
    h('button', { class: 'tool', type: 'button', title, 'aria-label': title, onclick }, label);
  return [
    button('−', 'Zoom out', () => view.zoomBy(1 / ZOOM_STEP)),
    button('+', 'Zoom in', () => view.zoomBy(ZOOM_STEP)),
    button('Fit', 'Zoom to fit', () => view.fit()),
  ];
}
