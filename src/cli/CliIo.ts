/** The streams a command of the command line writes through, so that tests run it in-process. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether output goes to a terminal: progress bar and colours. */
  isTTY?: boolean;
  /** Reads standard input to the end (for `-` as a file name). */
  readStdin?: () => Promise<string>;
}
