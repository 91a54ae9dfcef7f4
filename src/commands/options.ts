/** The global options every command takes (commander fills them; tests pass them directly). */
export interface GlobalOptions {
  sandbox?: boolean;
  sandboxSpeed?: string;
  profile?: string;
  region?: string;
  prefix?: string;
  lang?: string;
  mode?: string;
  yes?: boolean;
  json?: boolean;
  endpointUrl?: string;
  /** The shell the printed commands are written for (bash, powershell, cmd); guessed when absent. */
  shell?: string;
}
