/**
 * The key to the marks on a failure's feature maps, listing only the marks its pictures use:
 * padding, the border of the real input, the input a failing output reads, differing elements,
 * and the glyphs of special and missing values.
 */
export interface MarksUsed {
  padding: boolean;
  /** The region of the input inside a pad op's output. */
  inner: boolean;
  footprint: boolean;
  differs: boolean;
  special: boolean;
  truncated: boolean;
}

const SWATCH = (body: string): string => `<svg class="swatch" aria-hidden="true" width="18" height="18" viewBox="0 0 18 18">${body}</svg>`;

export function mapKeyHtml(idPrefix: string, used: MarksUsed): string {
  const pattern = `<defs><pattern id="${idPrefix}-key-pad" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#ececec"/><rect width="2" height="6" fill="#a3a3a3"/></pattern></defs>`;
  const entries: string[][] = [];
  if (used.padding) {
    entries.push([SWATCH(`${pattern}<rect x="1" y="1" width="16" height="16" fill="url(#${idPrefix}-key-pad)"/>`), 'padding']);
    entries.push([
      SWATCH('<rect x="2" y="2" width="14" height="14" fill="#fff" stroke="#1a1a1a" stroke-width="2"/>'),
      'edge of the real input',
    ]);
  }
  if (used.inner)
    entries.push([
      SWATCH('<rect x="2" y="2" width="14" height="14" fill="#fff" stroke="#1a1a1a" stroke-width="2" stroke-dasharray="5 3"/>'),
      'where the input lies in the padded output',
    ]);
  if (used.footprint) {
    entries.push([
      SWATCH(
        '<rect x="2" y="2" width="14" height="14" fill="none" stroke="#6a1b9a" stroke-width="2" stroke-dasharray="4 2"/><circle cx="6" cy="12" r="2" fill="#6a1b9a"/>',
      ),
      'the first differing output (dashed) and the elements it reads (dots)',
    ]);
  }
  if (used.differs)
    entries.push([
      SWATCH(
        '<rect x="2" y="2" width="14" height="14" fill="#fff" stroke="#d7000f" stroke-width="3"/><path d="M11 1L17 1L17 7Z" fill="#d7000f"/>',
      ),
      'differs from the expected value',
    ]);
  if (used.special)
    entries.push([
      SWATCH('<rect x="1" y="1" width="16" height="16" fill="#8c8c8c"/><path d="M4 4L14 14M14 4L4 14" stroke="#fff" stroke-width="1.5"/>'),
      'NaN (±∞ and −0 are written out, or a bar and a dot on large maps)',
    ]);
  if (used.truncated)
    entries.push([
      SWATCH('<rect x="1" y="1" width="16" height="16" fill="#fff" stroke="#9a9a9a" stroke-dasharray="2 2"/>'),
      'not in the report (truncated)',
    ]);
  if (entries.length === 0) return '';
  return `<p class="map-key">${entries.map(([swatch, text]) => `<span>${swatch} ${text}</span>`).join(' ')}</p>`;
}
