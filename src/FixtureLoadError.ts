/**
 * A fixture folder that cannot be trusted: a file that is not a regular file, is too large, is
 * not valid JSON or not a valid fixture, or does not match the manifest. It names the file and
 * the rule it breaks, so that the command line can say so in one message instead of a stack
 * trace.
 */
export class FixtureLoadError extends Error {
  override readonly name = 'FixtureLoadError';
  /** The file or folder at fault, relative to the folder that holds the fixtures folder. */
  readonly file: string;
  /** The rule it breaks. */
  readonly rule: string;

  constructor(file: string, rule: string, message = `${file}: ${rule}`) {
    super(message);
    this.file = file;
    this.rule = rule;
  }
}
