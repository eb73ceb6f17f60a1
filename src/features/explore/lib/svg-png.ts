/**
 * Chart → PNG, entirely in the browser: the chart's SVG is cloned with its computed styles
 * inlined (so the picture looks like the screen without the page's CSS), given a white
 * background and a title, drawn onto a canvas at 2× and saved as a PNG. No external service.
 */
const STYLE_PROPS = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-opacity',
  'stroke-dasharray',
  'stroke-linecap',
  'stroke-linejoin',
  'opacity',
  'font-family',
  'font-size',
  'font-weight',
  'font-style',
  'text-anchor',
  'dominant-baseline',
  'visibility',
  'display',
] as const;

const SVG_NS = 'http://www.w3.org/2000/svg';
const TITLE_HEIGHT = 32;

function inlineStyles(source: Element, target: Element): void {
  const computed = getComputedStyle(source);
  // Through the CSSOM, never setAttribute('style'): the site's CSP forbids inline style text.
  const style = (target as SVGElement).style;
  for (const p of STYLE_PROPS) style.setProperty(p, computed.getPropertyValue(p));
  const s = source.children;
  const t = target.children;
  for (let i = 0; i < s.length && i < t.length; i++) inlineStyles(s[i] as Element, t[i] as Element);
}

/** A standalone SVG document (text) for a chart: styles inlined, white background, title. */
export function standaloneSvg(
  svg: SVGSVGElement,
  title: string,
): { text: string; width: number; height: number } {
  const box = svg.getBoundingClientRect();
  const width = Math.max(1, Math.round(box.width));
  const chartHeight = Math.max(1, Math.round(box.height));
  const height = chartHeight + TITLE_HEIGHT;
  const clone = svg.cloneNode(true) as SVGSVGElement;
  inlineStyles(svg, clone);
  clone.setAttribute('x', '0');
  clone.setAttribute('y', String(TITLE_HEIGHT));
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(chartHeight));

  const root = document.createElementNS(SVG_NS, 'svg');
  root.setAttribute('xmlns', SVG_NS);
  root.setAttribute('width', String(width));
  root.setAttribute('height', String(height));
  root.setAttribute('viewBox', `0 0 ${width} ${height}`);
  const bg = document.createElementNS(SVG_NS, 'rect');
  bg.setAttribute('width', '100%');
  bg.setAttribute('height', '100%');
  bg.setAttribute('fill', '#ffffff');
  root.append(bg);
  const heading = document.createElementNS(SVG_NS, 'text');
  heading.setAttribute('x', '8');
  heading.setAttribute('y', '22');
  heading.style.setProperty(
    'font-family',
    getComputedStyle(svg).getPropertyValue('font-family') || 'sans-serif',
  );
  heading.style.setProperty('font-size', '16px');
  heading.style.setProperty('font-weight', '700');
  heading.style.setProperty('fill', '#1b1e21');
  heading.textContent = title;
  root.append(heading, clone);
  return { text: new XMLSerializer().serializeToString(root), width, height };
}

/** Render the chart's SVG to a PNG Blob. */
export async function svgToPng(svg: SVGSVGElement, title: string, scale = 2): Promise<Blob> {
  const { text, width, height } = standaloneSvg(svg, title);
  const url = URL.createObjectURL(new Blob([text], { type: 'image/svg+xml;charset=utf-8' }));
  try {
    const img = new Image();
    img.decoding = 'sync';
    await new Promise<void>((resolve, reject) => {
      img.onload = () => resolve();
      img.onerror = () => reject(new Error('svg image failed to load'));
      img.src = url;
    });
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no 2d canvas');
    ctx.scale(scale, scale);
    ctx.drawImage(img, 0, 0, width, height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob(
        (b) => (b ? resolve(b) : reject(new Error('canvas.toBlob failed'))),
        'image/png',
      ),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}
