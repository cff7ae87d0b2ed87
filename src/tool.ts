import pkg from '../package.json' with { type: 'json' };

export const TOOL_NAME = 'wasm-doctor';
export const TOOL_VERSION: string = pkg.version;

/** The repository's web address, from package.json `repository` (`git+https://…/x.git` → `https://…/x`). */
export const TOOL_REPOSITORY: string = pkg.repository.url.replace(/^git\+/, '').replace(/\.git$/, '');

/** A rule's documentation in the repository, at the tag of a version (`v<version>`). */
export const ruleDocUrl = (ruleId: string, version: string): string => `${TOOL_REPOSITORY}/blob/v${version}/rules/${ruleId}.md`;
