/**
 * Reads the clauses out of the spec text: each is an `<a id="...">` anchor directly followed by
 * a level-3 heading `### <id> — <title>`; a title ending in `(informative)` marks an
 * informative clause.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface TextClause {
  id: string;
  title: string;
  file: string;
  normative: boolean;
  /** Line number of the heading, from 1. */
  line: number;
}

export interface ClauseTextProblem {
  file: string;
  line: number;
  problem: string;
}

const ANCHOR = /^<a id="([^"]+)"><\/a>$/;
const HEADING = /^### (\S+) — (.+)$/;

export function readSpecClauses(specDir: string): { clauses: TextClause[]; problems: ClauseTextProblem[] } {
  const clauses: TextClause[] = [];
  const problems: ClauseTextProblem[] = [];
  const files = readdirSync(specDir).filter((name) => name.endsWith('.md') && name !== 'README.md').sort();
  for (const file of files) {
    const lines = readFileSync(join(specDir, file), 'utf8').split('\n');
    lines.forEach((text, index) => {
      const anchor = ANCHOR.exec(text);
      if (text.startsWith('### ')) {
        const heading = HEADING.exec(text);
        const previous = ANCHOR.exec(lines[index - 1] ?? '');
        if (heading === null) {
          problems.push({ file, line: index + 1, problem: `level-3 heading is not "### <id> — <title>": ${text}` });
        } else if (previous === null || previous[1] !== heading[1]) {
          problems.push({ file, line: index + 1, problem: `heading ${heading[1]} is not preceded by <a id="${heading[1]}"></a>` });
        } else {
          const informative = heading[2]!.endsWith(' (informative)');
          clauses.push({
            id: heading[1]!,
            title: informative ? heading[2]!.slice(0, -' (informative)'.length) : heading[2]!,
            file,
            normative: !informative,
            line: index + 1,
          });
        }
      } else if (anchor !== null && !(lines[index + 1] ?? '').startsWith(`### ${anchor[1]} `)) {
        problems.push({ file, line: index + 1, problem: `anchor ${anchor[1]} is not followed by its heading` });
      }
    });
  }
  return { clauses, problems };
}
