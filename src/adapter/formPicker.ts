/**
 * Chooses among the API forms of a call (spec: conformance.api-forms): each dimension of a form
 * (how the pads are written, whether a default is left out, which entry point) is picked from the
 * request's digest mixed with the dimension's name, so that dimensions vary independently of one
 * another, the same request always gets the same form, and different requests spread evenly over
 * every option.
 */
import { hashText } from './requestDigest.js';

/** One option of a dimension: the value a call passes, and how the form's text shows it. */
export interface FormOption<T> {
  value: T;
  text: string;
}

/** Picks one of `options` for `dimension`; the first when there is only one. */
export type FormPicker = <T>(dimension: string, options: readonly FormOption<T>[]) => FormOption<T>;

/** The finaliser of MurmurHash3: spreads every bit of the digest over the low bits that pick. */
function mix(hash: number): number {
  let h = hash;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

export function formPicker(digest: number): FormPicker {
  return <T>(dimension: string, options: readonly FormOption<T>[]): FormOption<T> => {
    if (options.length === 0) throw new Error(`formPicker: no option for ${dimension}`);
    if (options.length === 1) return options[0]!;
    return options[mix(hashText(digest, dimension)) % options.length]!;
  };
}

/** Always the first option: the one form a call whose parameters are not valid takes. */
export const firstForm: FormPicker = <T>(_dimension: string, options: readonly FormOption<T>[]): FormOption<T> => {
  if (options.length === 0) throw new Error('formPicker: no option');
  return options[0]!;
};

/**
 * How an adapter chooses the form of each call: `spread` picks by the request's digest (the
 * default), `first` always takes the one form adapters used before forms were spread (to tell a
 * form's defect from the op's), and a picker of its own chooses as it likes (tests of each form).
 */
export type FormChoice = 'spread' | 'first' | FormPicker;

/** The picker for one request; a request whose forms may not all mean the same takes the first. */
export function pickerFor(choice: FormChoice, regular: boolean, digest: () => number): FormPicker {
  if (!regular || choice === 'first') return firstForm;
  return choice === 'spread' ? formPicker(digest()) : choice;
}
