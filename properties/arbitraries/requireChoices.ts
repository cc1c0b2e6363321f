/**
 * The choices a case generator draws from (spatial rank, layout, padding mode, ...) must each
 * keep an option the adapter supports, or no case can be drawn. When one has none, the generator
 * says which features the adapter lacks, so that the property is reported unsupported for them
 * (spec: conformance.capabilities) rather than failing inside fast-check.
 */
import type { Feature } from '../../src/spec/features.js';
import { NotApplicable, type PropertyContext } from '../PropertyDefinition.js';
import type { CaseSpace } from './caseSpace.js';

/** One choice of a case generator. */
export interface Choice {
  /** What is chosen, in words: `spatial rank`, `padding`. */
  name: string;
  /** How many of the options asked for the adapter supports. */
  supported: number;
  /** Every feature the options asked for need. */
  needs: readonly Feature[];
}

/**
 * @throws NotApplicable naming the features the adapter lacks, when some choice has no supported option
 * @throws Error when a choice has no supported option although the adapter lacks none of the
 *   features it needs: the generator asked for nothing any adapter could give, a bug of the kit
 */
export function requireChoices(ctx: Pick<PropertyContext, 'features'>, what: string, choices: readonly Choice[]): void {
  const lacking = new Set<Feature>();
  for (const choice of choices.filter((candidate) => candidate.supported === 0)) {
    const absent = choice.needs.filter((feature) => !ctx.features.has(feature));
    if (absent.length === 0) {
      throw new Error(
        `${what} cases: no ${choice.name} the property asks for is supported, though the adapter lacks none of the features it needs (${choice.needs.join(', ') || 'none'})`,
      );
    }
    for (const feature of absent) lacking.add(feature);
  }
  if (lacking.size > 0)
    throw new NotApplicable(`no ${what} case within the property's constraints: the adapter lacks ${[...lacking].join(', ')}`, [
      ...lacking,
    ]);
}

/** The spatial ranks asked for (every rank by default), against those the adapter supports. */
export function rankChoice(space: CaseSpace, asked: readonly number[] = [1, 2, 3]): Choice {
  return {
    name: 'spatial rank',
    supported: asked.filter((rank) => space.ranks.includes(rank)).length,
    needs: asked.filter((rank) => rank >= 1 && rank <= 3).map((rank) => `spatial-rank-${rank}` as Feature),
  };
}

/** The layouts asked for (both by default), against those the adapter supports. */
export function layoutChoice(
  space: CaseSpace,
  asked: readonly CaseSpace['layouts'][number][] = ['channels-first', 'channels-last'],
): Choice {
  return {
    name: 'layout',
    supported: asked.filter((layout) => space.layouts.includes(layout)).length,
    needs: asked.map((layout) => `layout.${layout}` as const),
  };
}
