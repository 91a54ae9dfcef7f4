/**
 * Whether output gets colour: on when it is a terminal and NO_COLOR is not set
 * (https://no-color.org); FORCE_COLOR turns it on anyway. Apart from color.ts so that the help
 * path can ask without loading chalk (whose colour detection loads Node's tty and net modules).
 */
export function colorEnabled(isTty: boolean, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== "0" && env.FORCE_COLOR !== "false") return true;
  return isTty && env.TERM !== "dumb";
}
