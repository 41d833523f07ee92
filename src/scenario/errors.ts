/** An invalid scenario, link or patch; `path` names the offending field ("populations.E.n"). */
export class ScenarioError extends Error {
  override readonly name = 'ScenarioError';
  constructor(readonly path: string, readonly detail: string) {
    super(path ? `${path}: ${detail}` : detail);
  }
}
