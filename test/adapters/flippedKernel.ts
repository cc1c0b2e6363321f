/** A module adapter for `cnnspec run --adapter`: the reference with a flipped kernel (a mutant). */
import { MUTANTS } from '../mutants/mutants.js';

export default MUTANTS.find((mutant) => mutant.name === 'flipped-kernel')!.adapter;
