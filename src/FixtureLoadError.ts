/**
 * A fixture folder that cannot be trusted: a file that is not a regular file, is too large, is
 * not valid JSON or not a valid fixture, or does not match the manifest. It names the file and
 * the rule it breaks, so that the command line can say so in one message instead of a stack
 * trace.
 *
 * File names and parse errors come from the folder, which anyone may have made: the message
 * shows their control characters escaped, so that printing it cannot rewrite a terminal.
 */
export class FixtureLoadError extends Error {
  override readonly name = 'FixtureLoadError';
  /** The file or folder at fault, relative to the folder that holds the fixtures folder. */
  readonly file: string;
  /** The rule it breaks. */
  readonly rule: string;

  constructor(file: string, rule: string, message = `${printable(file, false)}: ${rule}`) {
    super(printable(message, true));
    this.file = file;
    this.rule = rule;
  }
}

/** The text with C0 and C1 control characters (and DEL) as `\uXXXX`, newlines kept if asked. */
function printable(text: string, keepNewlines: boolean): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => (keepNewlines && c === '\n' ? c : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
}
