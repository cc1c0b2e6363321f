/**
 * Reads a saved report.json and checks it against spec/schema/report-1.schema.json, so that a
 * truncated, hand-edited or foreign file is refused with the file, the JSON path and the rule.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import { packageRoot } from '../files/packageRoot.js';
import type { Report } from '../report/model/Report.js';

export class ReportFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReportFileError';
  }
}

let validator: ValidateFunction | undefined;

function validateReport(value: unknown): string[] {
  validator ??= new Ajv({ allErrors: true, strict: false }).compile(
    JSON.parse(readFileSync(join(packageRoot(), 'spec', 'schema', 'report-1.schema.json'), 'utf8')) as object,
  );
  if (validator(value)) return [];
  return (validator.errors ?? []).slice(0, 10).map((e) => `${e.instancePath || '/'} ${e.message} (${e.keyword})`);
}

export function loadReport(path: string): Report {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ReportFileError(`cannot read the report ${path}: ${(error as Error).message}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ReportFileError(`the report ${path} is not valid JSON: ${(error as Error).message}`);
  }
  if ((value as { format?: unknown } | null)?.format !== 'cnnspec-report/1') {
    throw new ReportFileError(`${path} is not a cnnspec report: its "format" must be "cnnspec-report/1"`);
  }
  const problems = validateReport(value);
  if (problems.length > 0)
    throw new ReportFileError(`the report ${path} does not match spec/schema/report-1.schema.json:\n  ${problems.join('\n  ')}`);
  return value as Report;
}
