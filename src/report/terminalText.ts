/**
 * Text an adapter or a file supplied (a name, a version, an expectation's reason, an error
 * message), made safe to print to a terminal: control characters, and with them every escape
 * sequence (ESC and the 8-bit CSI and OSC, which would clear the screen, print a fake green verdict
 * or write to the clipboard), are shown escaped as `\uXXXX`, as in error messages
 * (cleanAdapterMessage); so are the bidirectional controls that would reorder what is shown. The
 * kit's own colours are added after, around the sanitized text.
 */
import { cleanAdapterMessage } from '../adapter/normalizeAdapterError.js';

const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
const LINE_BREAKS_AND_TABS = /[\t\n]/g;

const escaped = (char: string): string => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** Text of one or more lines: line breaks are kept, everything else is escaped. */
export function terminalText(text: string): string {
  return cleanAdapterMessage(text).replace(BIDI_CONTROLS, escaped);
}

/**
 * Text that must stay on its line (a name in the header, a reason after a test id): line breaks and
 * tabs are escaped too, so it cannot start a line of its own that passes for the kit's, and it is
 * cut at `max` characters.
 */
export function terminalLine(text: string, max = 500): string {
  const cut = text.length > max ? `${text.slice(0, max)}… (${text.length - max} more characters)` : text;
  return terminalText(cut).replace(LINE_BREAKS_AND_TABS, escaped);
}
