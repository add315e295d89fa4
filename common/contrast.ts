/**
 * WCAG 2 colour contrast, for deriving code colours that stay readable on their
 * background: used by the docs' Shiki themes (server) and the editor's theme (browser).
 */

type Rgb = [number, number, number];

/** `#rgb`, `#rrggbb` or `#rrggbbaa` as 0–255 channels; a translucent colour is laid over `under`. */
function parse(color: string, under?: Rgb): Rgb {
  let hex = color.replace(/^#/, "");
  if (hex.length === 3 || hex.length === 4) hex = [...hex].map((digit) => digit + digit).join("");
  if (!/^[0-9a-f]{6}([0-9a-f]{2})?$/i.test(hex)) throw new TypeError(`not a hex colour: ${color}`);
  const [r, g, b, a = 255] = hex.match(/../g)!.map((pair) => parseInt(pair, 16)) as [number, number, number, number?];
  if (a === 255 || !under) return [r, g, b];
  const alpha = a / 255;
  return [r, g, b].map((channel, index) => channel * alpha + under[index]! * (1 - alpha)) as Rgb;
}

const hex = (rgb: Rgb) => `#${rgb.map((channel) => Math.round(channel).toString(16).padStart(2, "0")).join("")}`;

function luminance([r, g, b]: Rgb): number {
  const linear = (channel: number) => {
    const c = channel / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

function ratio(a: Rgb, b: Rgb): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/** The WCAG contrast ratio of `color` on `background` (1 to 21). */
export function contrastRatio(color: string, background: string): number {
  const under = parse(background);
  return ratio(parse(color, under), under);
}

/**
 * `color` as it is when it reaches `minimum` contrast on `background`; otherwise
 * moved towards black (on a light background) or white (on a dark one) just far
 * enough, so its hue stays recognisable. Returned as `#rrggbb`.
 */
export function withContrast(color: string, background: string, minimum: number): string {
  const under = parse(background);
  const start = parse(color, under);
  if (ratio(start, under) >= minimum) return hex(start);
  const target = luminance(under) > 0.18 ? 0 : 255;
  for (let step = 1; step <= 100; step++) {
    const mixed = start.map((channel) => channel + (target - channel) * (step / 100)) as Rgb;
    if (ratio(mixed, under) >= minimum) return hex(mixed);
  }
  return hex([target, target, target]);
}
