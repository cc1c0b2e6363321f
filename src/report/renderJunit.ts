/**
 * JUnit XML from a report, for CI gates: one test suite for properties and one for fixtures, one
 * test case per test. Failures and errors carry the clause IDs, the message, the counterexample
 * and the replay command; unsupported and expected failures are skipped with their reason. An
 * unexpected pass is a failure only with strict expectations, as it is for the run's verdict.
 */
import { PROTOCOL_LIMITS } from '../protocol/protocolLimits.js';
import { cutText } from './cutText.js';
import { describeExpectation } from './describeExpectation.js';
import type { Report, ReportResult } from './model/Report.js';

/**
 * Escapes text for XML content and attributes, and drops characters XML 1.0 cannot hold, and the
 * C1 controls it discourages (a terminal showing the file would obey their CSI and OSC); a
 * carriage return becomes a character reference.
 */
export function escapeXml(text: string): string {
  return (
    text
      .replace(/[^\u0009\u000A\u000D\u0020-\u007E\u00A0-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '\uFFFD')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&apos;')
      // a character reference, not the raw return that moves a terminal's cursor to overwrite a line
      .replace(/\r/g, '&#13;')
  );
}

function body(result: ReportResult): string {
  return [
    `spec: ${result.spec.join(', ')}`,
    result.message ?? '',
    result.evidence?.form === undefined ? '' : `API form: ${result.evidence.form}`,
    result.evidence?.otherForms === undefined ? '' : `other calls: ${result.evidence.otherForms.join('; ')}`,
    result.counterexample === undefined ? '' : `counterexample: ${JSON.stringify(result.counterexample)}`,
    result.replay === undefined ? '' : `replay: ${result.replay}`,
  ]
    .filter((line) => line !== '')
    .join('\n');
}

function testcase(result: ReportResult, suite: string, strict: boolean): string {
  const attributes = `name="${escapeXml(result.id)}" classname="${escapeXml(suite)}" time="${(result.durationMs / 1000).toFixed(3)}"`;
  switch (result.status) {
    case 'pass':
      return `    <testcase ${attributes}/>`;
    case 'unexpected-pass':
      if (!strict)
        return `    <testcase ${attributes}>\n      <system-out>${escapeXml(`unexpected pass (expected to fail: ${result.expectation?.reason ?? ''})`)}</system-out>\n    </testcase>`;
      return `    <testcase ${attributes}>\n      <failure message="${escapeXml(`unexpected pass (expected to fail: ${result.expectation?.reason})`.slice(0, 500))}">${escapeXml(body(result))}</failure>\n    </testcase>`;
    case 'fail':
      return `    <testcase ${attributes}>\n      <failure message="${escapeXml((result.message ?? 'failed').slice(0, 500))}">${escapeXml(body(result))}</failure>\n    </testcase>`;
    case 'error':
      return `    <testcase ${attributes}>\n      <error message="${escapeXml((result.message ?? 'error').slice(0, 500))}">${escapeXml(body(result))}</error>\n    </testcase>`;
    case 'expected-fail':
      return `    <testcase ${attributes}>\n      <skipped message="${escapeXml(`expected failure: ${result.expectation === undefined ? '' : describeExpectation(result.expectation)}`)}"/>\n    </testcase>`;
    case 'unsupported':
      return `    <testcase ${attributes}>\n      <skipped message="${escapeXml(`unsupported: ${result.message ?? ''}`)}"/>\n    </testcase>`;
  }
}

export function renderJunit(report: Report): string {
  const strict = report.expectations?.strict === true;
  const suites = (['property', 'fixture'] as const).map((kind) => {
    const results = report.results.filter((r) => r.kind === kind);
    // The name is repeated in every test case: cut, whatever report.json holds (spec: protocol.limits).
    const name = `cnnspec ${kind === 'property' ? 'properties' : 'fixtures'} (${cutText(report.adapter.name, PROTOCOL_LIMITS.identityLength)})`;
    const failures = results.filter((r) => r.status === 'fail' || (strict && r.status === 'unexpected-pass')).length;
    const errors = results.filter((r) => r.status === 'error').length;
    const skipped = results.filter((r) => r.status === 'unsupported' || r.status === 'expected-fail').length;
    const time = results.reduce((sum, r) => sum + r.durationMs, 0) / 1000;
    return [
      `  <testsuite name="${escapeXml(name)}" tests="${results.length}" failures="${failures}" errors="${errors}" skipped="${skipped}" time="${time.toFixed(3)}">`,
      ...results.map((r) => testcase(r, name, strict)),
      '  </testsuite>',
    ].join('\n');
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="cnnspec" tests="${report.summary.total}">\n${suites.join('\n')}\n</testsuites>\n`;
}
