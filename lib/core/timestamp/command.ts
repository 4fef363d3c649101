/**
 * The command a third party runs to check an exported token with OpenSSL alone, printed by the report for each token.
 * Kept apart from verify.ts so printing it never loads pkijs.
 */

/** POSIX shell quoting, only when a name needs it (token files in a bundle have plain names). */
function shellArg(s: string): string {
  return /^[\w./:@%+=,-]+$/.test(s) ? s : `'${s.replaceAll("'", `'\\''`)}'`;
}

/**
 * `openssl ts -verify -digest <hex> -token_in -in <token> -CAfile <root>`. A stored token is a bare TimeStampToken
 * (no TimeStampResp around it), hence `-token_in`. OpenSSL checks the chain at the current time unless told
 * otherwise: pass the token's genTime (epoch ms) as `atTime` and it adds `-attime`, so a token whose TSA certificate
 * has since expired still verifies as it did when it was made (the chain is judged at genTime, as verify.ts does).
 */
export function opensslVerifyCommand(tokenFile: string, digestHex: string, caFile: string, atTime?: number): string {
  const args = ['openssl', 'ts', '-verify', '-digest', digestHex, '-token_in', '-in', tokenFile, '-CAfile', caFile];
  if (atTime !== undefined) args.push('-attime', String(Math.floor(atTime / 1000)));
  return args.map(shellArg).join(' ');
}
