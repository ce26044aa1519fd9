// The two small pieces of bench/calibrate.ts worth testing alone: which query items a seed
// holds out of the catalogue, and where the calibration goes in the model card.

import { rng } from './random';

/** A seeded half of `items` (sorted first, so the same ids always give the same half). */
export function heldOutItems(items: string[], seed: number): Set<string> {
  const order = [...items].sort();
  const random = rng(seed); // mulberry32: the same split on every machine and Node version
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return new Set(order.slice(0, Math.floor(order.length / 2)));
}

const BEGIN = '<!-- verdict calibration: written by bench/calibrate.ts -->';
const END = '<!-- end of verdict calibration -->';

/** The card with its calibration section replaced, or inserted before "## Limits" (else at the end). */
export function replaceSection(card: string, section: string): string {
  const block = `${BEGIN}\n${section.trim()}\n${END}\n`;
  const start = card.indexOf(BEGIN);
  const end = card.indexOf(END);
  if (start >= 0 && end > start) return card.slice(0, start) + block + card.slice(end + END.length).replace(/^\n/, '');
  const limits = card.indexOf('\n## Limits');
  if (limits >= 0) return `${card.slice(0, limits + 1)}${block}\n${card.slice(limits + 1)}`;
  return `${card.replace(/\n*$/, '\n\n')}${block}`;
}
