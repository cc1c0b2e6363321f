/** Why readRegularFile did not read a file, in words that fit after the file's name. */
export class UnreadableFileError extends Error {
  override readonly name = 'UnreadableFileError';
}
