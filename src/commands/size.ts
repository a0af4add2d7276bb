// `ukmenu size [--json] [--diff]`: what each library of the last build weighs, largest first, or
// how the last two builds differ; a build made by a plain `make` is recorded first.
import path from 'node:path';
import { UkmenuError } from '../project/errors.js';
import type { Project } from '../project/types.js';
import { loadWorkspace, workspaceRunConfig } from '../run/workspace.js';
import { imageHistory, recordBuilds } from '../size/history.js';
import { diffText, libraryChanges, sizeJson, sizeText } from '../size/report.js';

export const SIZE_USAGE = `Usage: ukmenu [OPTIONS] size [--json] [--diff]
  What each library of the last build adds to the image (text, data, bss, from the library
  objects the image links), one a line, largest first, and the image's size.
  --diff   the change between the last two builds, per library
  --json   {"image": {"path", "bytes"}, "libraries": [{"name", "text", "data", "bss", "total"}]};
           with --diff: {"libraries": [{"name", "before", "after", "change"}]} (bytes)
`;

interface IO {
  env: Record<string, string | undefined>;
  stdout: (t: string) => void;
  stderr: (t: string) => void;
  cwd?: string;
}

export async function sizeCommand(project: Project, args: string[], io: IO): Promise<number> {
  let json = false;
  let diff = false;
  for (const a of args) {
    if (a === '-h' || a === '--help') { io.stdout(SIZE_USAGE); return 0; }
    if (a === '--json') json = true;
    else if (a === '--diff') diff = true;
    else throw new UkmenuError(`unknown argument for size: ${a}`, [SIZE_USAGE.split('\n')[0]], 2);
  }
  const image = workspaceRunConfig(loadWorkspace(project, io.env)).image;
  recordBuilds(path.dirname(image), image);
  const history = imageHistory(image);
  const shown = path.relative(io.cwd ?? process.cwd(), image) || image;
  if (!history.length) {
    throw new UkmenuError(`no build of ${shown} yet`, ['fix: build it: ukmenu build (or b in the menu, or make)']);
  }
  const cur = history[history.length - 1];
  if (!diff) {
    io.stdout(json ? JSON.stringify(sizeJson(cur), null, 2) + '\n' : sizeText(cur, io.cwd));
    return 0;
  }
  const prev = history[history.length - 2];
  if (!prev) throw new UkmenuError(`only one build of ${shown} is recorded: nothing to compare yet`, ['fix: change the configuration and build again']);
  const changes = libraryChanges(prev, cur);
  io.stdout(json ? JSON.stringify({ libraries: changes }, null, 2) + '\n' : diffText(changes, prev, cur));
  return 0;
}
