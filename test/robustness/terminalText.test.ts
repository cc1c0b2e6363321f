/**
 * What the CLI prints of adapter- and file-supplied text: control characters and escape sequences
 * (ESC, the 8-bit CSI and OSC), and bidirectional controls, shown escaped; one-line fields keep to
 * their line and are cut, saying how much was left out.
 */
import { describe, expect, it } from 'vitest';
import { terminalLine, terminalText } from '../../src/report/terminalText.js';

describe('terminalText and terminalLine', () => {
  it('escape ESC, BEL, CR, BS, DEL and the C1 controls, and the bidirectional overrides', () => {
    expect(terminalText('a\u001b[2Jb\u0007c\rd\u0008e\u007ff\u009b2Jg\u009d52;h\u202Ei\u2066j')).toBe(
      'a\\u001b[2Jb\\u0007c\\u000dd\\u0008e\\u007ff\\u009b2Jg\\u009d52;h\\u202ei\\u2066j',
    );
  });

  it('terminalText keeps line breaks and tabs; terminalLine escapes them, so a name cannot print a line of its own', () => {
    expect(terminalText('one\n\ttwo')).toBe('one\n\ttwo');
    expect(terminalLine('evil\nconformant; reports: none')).toBe('evil\\u000aconformant; reports: none');
    expect(terminalLine('a\tb')).toBe('a\\u0009b');
  });

  it('terminalLine cuts at its limit and says how much it left out', () => {
    expect(terminalLine('x'.repeat(600))).toBe(`${'x'.repeat(500)}… (100 more characters)`);
    expect(terminalLine('x'.repeat(30), 10)).toBe(`${'x'.repeat(10)}… (20 more characters)`);
  });

  it('leave ordinary text, Unicode included, alone', () => {
    for (const text of ['tfjs-cpu 4.22.0', 'conv2d(x, w, strides=[1, 2], pad="same") — ok ✓', 'Ünïcödé 日本語']) {
      expect(terminalLine(text)).toBe(text);
      expect(terminalText(text)).toBe(text);
    }
  });
});
