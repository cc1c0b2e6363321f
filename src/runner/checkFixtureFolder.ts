/**
 * `cnnspec fixtures check DIR`: every file of a fixture folder judged on its own, where loading
 * stops at the first problem. A file is valid by the schema, its id is its own in the folder, its
 * hash is the one the folder's manifest lists, it sits in the folder of its op and cites
 * registered clauses (as the kit's own fixtures must), and the reference agrees with it under each
 * convention it lists: exactly (runFixtureOnReference), or else as a run judges an adapter
 * (judgeFixture, spec: conformance.tolerance), which the verdict then says.
 */
import { referenceAdapter } from '../adapter/referenceAdapter.js';
import type { Fixture } from '../fixtures/Fixture.js';
import { FixtureLoadError } from '../fixtures/FixtureLoadError.js';
import { manifestProblems } from '../fixtures/fixtureManifest.js';
import {
  duplicateIdProblems,
  listFixtureFiles,
  readFixtureFile,
  readFixtureManifest,
  renamedFolder,
  type FixtureFile,
} from '../fixtures/loadFixtures.js';
import { runFixtureOnReference } from '../fixtures/runFixture.js';
import { judgeFixture } from '../fixtures/judgeFixture.js';
import { loadClauseRegistry } from '../spec/clauseRegistry.js';

/** The reference's verdict on a fixture under one of its conventions. */
export interface ConventionVerdict {
  convention: Fixture['conventions'][number];
  /** `exact`: equal to the reference's outcome; `tolerance`: within the tolerance a run grants; `fail`: neither. */
  agreement: 'exact' | 'tolerance' | 'fail';
  /** Why it is not exact, when it is not. */
  detail?: string;
}

export interface FixtureFileCheck {
  /** Relative to the folder that holds the fixtures folder, as the manifest names it. */
  file: string;
  /** The fixture's id, once the file is a valid fixture. */
  id?: string;
  /** What is wrong with the file (schema, id, manifest); empty when nothing is. */
  problems: string[];
  /** The reference's verdicts, for a valid fixture. */
  conventions: ConventionVerdict[];
}

export interface FixtureFolderCheck {
  /** Problems of the folder as a whole: its manifest, listed files that are gone, unreadable folders. */
  problems: string[];
  files: FixtureFileCheck[];
}

/** Whether a file passed: no problem, and the reference agrees under every convention. */
export function fileOk(check: FixtureFileCheck): boolean {
  return check.problems.length === 0 && check.conventions.every((verdict) => verdict.agreement !== 'fail');
}

/** Where the kit's own fixtures are held to the same: the op's folder and id, and clauses of spec/clauses.json. */
function placeAndCitations(fixture: Fixture, file: string, clauses: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  const folder = file.split(/[\\/]/).at(-2);
  if (folder !== fixture.op) problems.push(`a ${fixture.op} fixture must be in the folder ${fixture.op}/, not ${folder}/`);
  if (!fixture.id.startsWith(`${fixture.op}.`))
    problems.push(`the id of a ${fixture.op} fixture starts with ${fixture.op}., not ${fixture.id.split('.')[0]}.`);
  const cited = [...fixture.spec, ...('error' in fixture.expected ? [fixture.expected.error.clause] : [])];
  for (const clause of cited.filter((id) => !clauses.has(id))) problems.push(`cites ${clause}, which is no clause of spec/clauses.json`);
  return problems;
}

/**
 * The reference's verdict under each of the fixture's conventions, by the one fixture judge
 * (runFixtureOnReference: the tolerance model of a run), and whether it also agrees exactly.
 */
async function judgeConventions(fixture: Fixture): Promise<ConventionVerdict[]> {
  const verdicts: ConventionVerdict[] = [];
  for (const convention of fixture.conventions) {
    const verdict = await runFixtureOnReference(fixture, convention);
    if (!verdict.pass) {
      verdicts.push({ convention, agreement: 'fail', detail: verdict.reason });
      continue;
    }
    if (fixture.op === 'model' || !('output' in fixture.expected)) {
      verdicts.push({ convention, agreement: 'exact' });
      continue;
    }
    const exactly = await judgeFixture(referenceAdapter(convention), convention, { ...fixture, tolerance: { metric: 'exact' } });
    if (exactly.status === 'agrees') {
      verdicts.push({ convention, agreement: 'exact' });
      continue;
    }
    const judged = await judgeFixture(referenceAdapter(convention), convention, fixture);
    const comparison = judged.status === 'agrees' ? judged.comparison : undefined;
    const metric =
      comparison === undefined
        ? ''
        : ` (${comparison.metric}${comparison.margin === null ? '' : `, margin ${Number(comparison.margin.toPrecision(5))}`})`;
    const why = exactly.status === 'differs' || exactly.status === 'not-expressible' ? exactly.detail : exactly.status;
    verdicts.push({ convention, agreement: 'tolerance', detail: `not exactly: ${why}; within the tolerance of a run${metric}` });
  }
  return verdicts;
}

export async function checkFixtureFolder(dir: string): Promise<FixtureFolderCheck> {
  const problems: string[] = [];
  let entries: FixtureFile[];
  try {
    entries = listFixtureFiles(dir);
  } catch (error) {
    if (!(error instanceof FixtureLoadError)) throw error;
    return { problems: [error.message], files: [] };
  }
  const files: FixtureFileCheck[] = [];
  const valid: { fixture: Fixture; file: string; text: string; check: FixtureFileCheck }[] = [];
  for (const entry of entries) {
    const check: FixtureFileCheck = { file: entry.file, problems: [], conventions: [] };
    files.push(check);
    try {
      const { fixture, text } = readFixtureFile(entry);
      check.id = fixture.id;
      valid.push({ fixture, file: entry.file, text, check });
    } catch (error) {
      if (!(error instanceof FixtureLoadError)) throw error;
      check.problems.push(error.rule);
    }
  }
  const clauses = new Set(loadClauseRegistry().clauses.map((clause) => clause.id));
  for (const { fixture, check } of valid) check.problems.push(...placeAndCitations(fixture, check.file, clauses));
  for (const { file, problem } of duplicateIdProblems(valid)) files.find((check) => check.file === file)!.problems.push(problem);
  try {
    const { manifest, file, wording } = readFixtureManifest(dir);
    const renamed = renamedFolder(dir, manifest, wording);
    if (renamed !== undefined) throw new FixtureLoadError(file, renamed);
    const invalid = new Set(files.filter((check) => check.id === undefined).map((check) => check.file));
    for (const problem of manifestProblems(
      manifest,
      valid.map((fixture) => ({ id: fixture.fixture.id, file: fixture.file, text: fixture.text })),
      wording,
    )) {
      const owner = valid.find((fixture) => problem.startsWith(`${fixture.file}: `));
      if (owner !== undefined) owner.check.problems.push(problem.slice(owner.file.length + 2));
      // an invalid file is "missing" only to the comparison of valid ones: its own verdict says why
      else if (![...invalid].some((path) => problem.startsWith(`${path}: `))) problems.push(problem);
    }
  } catch (error) {
    if (!(error instanceof FixtureLoadError)) throw error;
    problems.push(error.message);
  }
  for (const { fixture, check } of valid) check.conventions = await judgeConventions(fixture);
  if (entries.length === 0)
    problems.push(`no fixture files: a folder of fixtures holds <op>/<id>.json files (conv/, pool/, global-pool/, dense/, pad/, model/)`);
  return { problems, files };
}
