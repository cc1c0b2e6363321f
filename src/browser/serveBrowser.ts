/**
 * The process behind `cnnspec run --browser` (spec: browser.channel): one browser session
 * (serveBrowserSession) on standard input and output, which the kit drives as an `--exec`
 * adapter, so that everything the runner does for one holds here: timeouts, restarts, Ctrl-C, the
 * record of its standard error, where the page's console and errors go (spec: browser.faults).
 *
 *   node serveBrowser.js '<BrowserServeConfig as JSON>'
 *
 * Exit codes: 0 after a shutdown or the end of the input, 2 when the adapter or the browser
 * cannot be started (standard error says what was tried), 3 when the page crashed or its browser
 * went away: the kit starts a fresh process, with a fresh page, for the next call. The browser
 * ends with the process, whatever ends it: its pipe to playwright closes.
 */
import type { BrowserServeConfig } from './browserCommand.js';
import { serveBrowserSession } from './serveBrowserSession.js';

const log = (text: string): void => {
  process.stderr.write(`${text}\n`);
};
const config = JSON.parse(process.argv[2] ?? 'null') as BrowserServeConfig | null;
if (config === null || typeof config.adapter !== 'string') {
  log('usage: serveBrowser \'{"adapter": "<name or module>"}\'');
  process.exit(2);
}
const code = await serveBrowserSession(config, {
  input: process.stdin,
  writeLine: (line) => process.stdout.write(`${line}\n`),
  log,
  exit: (exitCode) => process.exit(exitCode),
});
// the protocol stream is flushed first, so that the last answer is not lost
process.stdout.write('', () => process.exit(code));
