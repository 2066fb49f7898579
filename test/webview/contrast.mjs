// WCAG 2 contrast of what a page shows: every visible text (HTML text, SVG text, form fields) against
// what is painted behind it at its centre, colours composited with their alpha and their ancestors'
// opacity. Text needs 4.5:1, large text (24 px, or 18.66 px bold, after zoom) 3:1; the glyphs of icons
// (a type icon's mark, a diagnostic badge's "!") are graphics and need 3:1 (WCAG 1.4.11). Disabled
// controls are exempt, as WCAG exempts inactive components.

/** The texts of `page` below their required contrast: [{ text, ratio, required, color, background, where }]. */
export function contrastFailures(page) {
  return page.evaluate(() => {
    const context = document.createElement('canvas').getContext('2d');
    /** Any CSS colour as [r, g, b, a] (0-255, alpha 0-1). */
    const parse = (value) => {
      if (!value || value === 'none' || value === 'transparent') return [0, 0, 0, 0];
      context.fillStyle = '#00000000';
      context.fillStyle = value;
      const normal = String(context.fillStyle);
      let match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(normal);
      if (match) return [...match.slice(1).map((hex) => parseInt(hex, 16)), 1];
      match = /^rgba?\(([\d.]+), ([\d.]+), ([\d.]+)(?:, ([\d.]+))?\)$/.exec(normal);
      if (match) return [Number(match[1]), Number(match[2]), Number(match[3]), match[4] === undefined ? 1 : Number(match[4])];
      match = /^color\(srgb ([\d.e-]+) ([\d.e-]+) ([\d.e-]+)(?: \/ ([\d.e-]+))?\)$/.exec(normal);
      if (match) return [...match.slice(1, 4).map((channel) => Math.min(255, Math.max(0, Number(channel) * 255))), match[4] === undefined ? 1 : Number(match[4])];
      throw new Error(`unparsed colour ${value} (${normal})`);
    };
    const over = (top, bottom) => [0, 1, 2].map((i) => top[i] * top[3] + bottom[i] * (1 - top[3])).concat(1);
    const opacity = (element) => {
      let product = 1;
      for (let at = element; at && at.nodeType === 1; at = at.parentElement ?? at.parentNode) product *= Number(getComputedStyle(at).opacity);
      return product;
    };
    const withAlpha = (colour, factor) => [colour[0], colour[1], colour[2], colour[3] * factor];
    const luminance = ([r, g, b]) => {
      const [R, G, B] = [r, g, b].map((channel) => {
        const c = channel / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * R + 0.7152 * G + 0.0722 * B;
    };
    const ratio = (a, b) => {
      const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
      return (light + 0.05) / (dark + 0.05);
    };
    const SHAPES = new Set(['rect', 'circle', 'ellipse', 'polygon', 'path']);
    /** What is painted at (x, y) under `self` (its own background included), bottom to top. */
    const background = (self, x, y) => {
      let colour = [255, 255, 255, 1];
      for (const element of document.elementsFromPoint(x, y).reverse()) {
        if (element !== self && self.contains(element)) continue;
        let layer;
        if (element instanceof SVGElement && element.tagName !== 'svg') {
          if (!SHAPES.has(element.tagName)) continue;
          const style = getComputedStyle(element);
          layer = withAlpha(parse(style.fill), Number(style.fillOpacity));
        } else {
          layer = parse(getComputedStyle(element).backgroundColor);
        }
        if (layer[3] > 0) colour = over(withAlpha(layer, opacity(element)), colour);
      }
      return colour;
    };
    const describe = (element) => {
      const parts = [];
      for (let at = element; at && at !== document.body && parts.length < 4; at = at.parentElement) {
        parts.unshift(`${at.tagName.toLowerCase()}${at.id ? `#${at.id}` : ''}${at.classList.length ? `.${[...at.classList].join('.')}` : ''}`);
      }
      return parts.join(' > ');
    };
    const failures = [];
    let checked = 0;
    const check = (element, text, box) => {
      const x = box.left + box.width / 2;
      const y = box.top + box.height / 2;
      if (box.width === 0 || box.height === 0 || x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) return;
      // Clipped away (scrolled out of its box, under another element): not shown, nothing to read.
      if (!document.elementsFromPoint(x, y).includes(element)) return;
      const style = getComputedStyle(element);
      if (style.visibility !== 'visible' || element.closest(':disabled')) return;
      const svg = element instanceof SVGElement;
      const colour = withAlpha(parse(svg ? style.fill : style.color), opacity(element) * (svg ? Number(style.fillOpacity) : 1));
      const behind = background(element, x, y);
      const size = parseFloat(style.fontSize) * (svg ? element.getScreenCTM().a : 1);
      const large = size >= 24 || (Number(style.fontWeight) >= 700 && size >= 18.66);
      const graphic = element.closest('.icon, .badge-glyph') !== null;
      const required = graphic || large ? 3 : 4.5;
      const value = ratio(over(colour, behind), behind);
      checked++;
      if (value < required) {
        failures.push({ text: text.trim().slice(0, 40), ratio: Math.round(value * 100) / 100, required, color: style[svg ? 'fill' : 'color'], background: `rgb(${behind.slice(0, 3).map(Math.round).join(', ')})`, where: describe(element) });
      }
    };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const element = node.parentElement;
      if (!node.textContent.trim() || !element || element.closest('title, option, script, style, textarea')) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      const box = [...range.getClientRects()].find((rect) => rect.width > 0 && rect.height > 0);
      if (box) check(element, node.textContent, box);
    }
    for (const field of document.querySelectorAll('input:not([type=radio]):not([type=checkbox]), textarea, select')) {
      check(field, field.value || field.getAttribute('aria-label') || field.tagName, field.getBoundingClientRect());
    }
    return { failures, checked };
  });
}
