/**
 * Programs the tests run that npm does not install (socat, ffmpeg, udevadm, chromium). A test checks
 * for its program first, so a machine without it fails at once, naming the Debian package to
 * install, instead of hanging or failing somewhere deep inside. `.ci/run` installs every one.
 */
import { accessSync, constants, statSync } from 'node:fs';
import path from 'node:path';

/** The program's path on PATH, or undefined. */
export function findProgram(name: string, searchPath = process.env.PATH ?? ''): string | undefined {
  for (const dir of searchPath.split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // not in this folder
    }
  }
  return undefined;
}

/** The program's path; throws, naming the Debian package, when it is not on PATH. */
export function requireProgram(name: string, debianPackage: string): string {
  const found = findProgram(name);
  if (found) return found;
  throw new Error(
    `"${name}" is not installed (not on PATH): install Debian's ${debianPackage} package (apt-get install ${debianPackage}); .ci/run installs it.`,
  );
}
