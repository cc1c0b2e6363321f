/** What explained a failing case. */
export interface Explanation {
  defect: string;
  part: string;
}

/** The listed deviations a property met, with how many of its cases each explained. */
export type Explained = (Explanation & { cases: number })[];
