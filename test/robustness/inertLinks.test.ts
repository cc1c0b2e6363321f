/**
 * Adapter text in report.md links nowhere: GitHub turns bare `http(s)://` and `ftp://` URLs,
 * `www.` addresses and `name@domain` into links without any markup, so escapeMarkdown breaks each
 * with an invisible word joiner. The text reads the same: without the joiners it is what the
 * adapter wrote.
 */
import { describe, expect, it } from 'vitest';
import { escapeMarkdown, WORD_JOINER } from '../../src/report/escapeMarkdown.js';

/** What GitHub's extended autolinks start with. */
const AUTOLINK = /(?:https?|ftp):\/\/|www\.|[a-z0-9.+-]@[a-z0-9]/i;

describe('escapeMarkdown leaves no bare link', () => {
  it.each([
    'see https://evil.example/phish',
    'HTTP://EVIL.EXAMPLE',
    'ftp://files.example/x',
    'go to www.evil.example now',
    'WWW.Evil.Example',
    'mail admin@evil.example',
    'tfjs@4.22.0',
    'mailto:a@b.example',
    '(https://evil.example)',
  ])('%s', (text) => {
    const escaped = escapeMarkdown(text);
    expect(escaped).not.toMatch(AUTOLINK);
    expect(escaped.replaceAll(WORD_JOINER, '')).toBe(text);
  });

  it('adds nothing to text without an address', () => {
    expect(escapeMarkdown('conv2d: 16/16 elements, max error 26 (exact bound); a:b // c')).not.toContain(WORD_JOINER);
  });
});
