/** A word for a POSIX shell, single-quoted so that nothing in it is expanded (replay commands). */
export const shellQuote = (text: string): string => `'${text.replace(/'/g, `'\\''`)}'`;
