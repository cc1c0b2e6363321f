/**
 * Reads the clauses out of the spec text: each is an `<a id="...">` anchor directly followed by
 * a level-3 heading `### <id> — <title>`; a title ending in `(informative)` marks an
 * informative clause. Its text runs to the next anchor or heading of level 1 to 3.
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
  /**
   * The clause's Markdown after its heading, up to the next clause or heading of level 3 or
   * above, without the markers of rendered blocks: what a report shows of the clause.
   */
  text: string;
}

export interface ClauseTextProblem {
  file: string;
  line: number;
  problem: string;
}

const ANCHOR = /^<a id="([^"]+)"><\/a>$/;
/** Where a clause's text ends: the next clause's anchor, or a heading of level 1 to 3. */
const TEXT_END = /^(<a id="[^"]+"><\/a>|#{1,3} )/;
/** The markers around rendered blocks (scripts/specText.ts), which say nothing to a reader. */
const MARKER = /^<!-- .* -->$/;

function clauseText(lines: readonly string[], from: number): string {
  let end = from;
  // a `# comment` line in a fenced block is no heading
  for (let fenced = false; end < lines.length && (fenced || !TEXT_END.test(lines[end]!)); end++) {
    if (lines[end]!.trimStart().startsWith('```')) fenced = !fenced;
  }
  return lines
    .slice(from, end)
    .filter((line) => !MARKER.test(line))
    .join('\n')
    .trim();
}
const HEADING = /^### (\S+) — (.+)$/;

export function readSpecClauses(specDir: string): { clauses: TextClause[]; problems: ClauseTextProblem[] } {
  const clauses: TextClause[] = [];
  const problems: ClauseTextProblem[] = [];
  const files = readdirSync(specDir)
    .filter((name) => name.endsWith('.md') && name !== 'README.md')
    .sort();
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
            text: clauseText(lines, index + 1),
          });
        }
      } else if (anchor !== null && !(lines[index + 1] ?? '').startsWith(`### ${anchor[1]} `)) {
        problems.push({ file, line: index + 1, problem: `anchor ${anchor[1]} is not followed by its heading` });
      }
    });
  }
  return { clauses, problems };
}
