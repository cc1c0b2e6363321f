/**
 * The last lines an adapter process wrote to its standard error, for the messages of its start-up
 * failures and crashes: a Python traceback or a Node stack ends with the line that says why, and
 * starts a dozen lines above it. Bounded by lines and by characters, so that a process that floods
 * its standard error costs no more than the tail.
 */
export class StderrTail {
  private readonly kept: string[] = [];
  private chars = 0;
  /** Lines dropped from the front, counted to say so. */
  private dropped = 0;

  constructor(
    private readonly maxLines = 20,
    private readonly maxChars = 4096,
  ) {}

  push(line: string): void {
    if (line.trim() === '' && this.kept.length === 0) return; // leading blank lines say nothing
    this.kept.push(line);
    this.chars += line.length;
    while (this.kept.length > this.maxLines || (this.chars > this.maxChars && this.kept.length > 1)) {
      this.chars -= this.kept.shift()!.length;
      this.dropped += 1;
    }
  }

  /**
   * The tail as a clause to append to a message (`; its standard error ended with:` and the lines,
   * indented), or '' when the process wrote nothing there.
   */
  clause(): string {
    const lines = [...this.kept];
    while (lines.length > 0 && lines.at(-1)!.trim() === '') lines.pop();
    if (lines.length === 0) return '';
    const shown = lines.map((line) => `  | ${line.length > this.maxChars ? `${line.slice(0, this.maxChars)}…` : line}`);
    const before = this.dropped === 0 ? '' : ` (the last ${lines.length} lines; ${this.dropped} before them are left out)`;
    return `; its standard error ended with${before}:\n${shown.join('\n')}`;
  }
}
