// Runs one of the repo's scripts in a child process, as a partner's CI would.
import { execFile } from 'node:child_process';
import { REPO_ROOT } from '../../composition.js';

/** Exit code and output of a script run. */
export interface ScriptRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `scripts/<script>` with tsx and the given arguments, from the repo root. */
export function runScript(script: string, args: string[], cwd = REPO_ROOT): Promise<ScriptRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', `scripts/${script}`, ...args],
      { cwd, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}
