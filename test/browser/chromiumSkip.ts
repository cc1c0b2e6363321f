/**
 * Whether the tests that need Debian's Chromium run: without /usr/bin/chromium they are skipped,
 * unless CI is set, since CI installs Chromium and there its absence is a failure.
 */
import { existsSync } from 'node:fs';

export const CHROMIUM = '/usr/bin/chromium';

export const skipWithoutChromium = !existsSync(CHROMIUM) && process.env.CI === undefined;

/** A suite's title, saying why it is skipped where it is, and warning so on the console. */
export function chromiumSuiteTitle(what: string): string {
  if (!skipWithoutChromium) return what;
  const title = `${what} (skipped: no browser at ${CHROMIUM}; npm run setup:browser installs it, and with CI set its absence fails)`;
  console.warn(title);
  return title;
}
