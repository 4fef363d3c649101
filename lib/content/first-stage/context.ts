/**
 * What WXT's content-script wrapper constructs and hands to main() in a first-stage build
 * (wxt.config.ts aliases it there): nothing. A first stage (lib/content/first-stage/runner.ts) keeps its own few
 * listeners and stops by itself; the full runner gets lib/content/context.ts.
 */
export class ContentScriptContext {
  constructor(
    readonly contentScriptName: string,
    readonly options?: unknown,
  ) {}
}
