// config-submenu.sh done in process (src/project/submenu.ts) against the real script of the real
// core from ../shared/unikraft, run by /bin/sh as conf runs it: the same stdout, stderr and output
// file, byte for byte, on generated folder layouts (libraries added, missing Config.uk, symlinked,
// excluded, trailing slashes, hidden folders, files among folders, a title, stdout instead of -o).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDirect } from '../../kconfig/shell.js';
import { runSubmenuInProcess, submenuStats } from '../../src/project/submenu.js';
import { cleanEnv } from './fixtures.js';
import { unpackRealApp, type RealApp } from './realUnikraft.js';

let real: RealApp;
let script: string;
let libs: string;
let out: string;
beforeAll(() => {
  real = unpackRealApp(false);
  script = path.join(real.core, 'support/build/config-submenu.sh');
  // a generated library folder: plain libraries, one without Config.uk, one symlinked from
  // elsewhere, one whose Config.uk is a link, a hidden one, a file, names that sort differently by byte and by case
  libs = path.join(real.root, 'libs');
  const lib = (name: string, withConfig = true) => {
    fs.mkdirSync(path.join(libs, name), { recursive: true });
    if (withConfig) fs.writeFileSync(path.join(libs, name, 'Config.uk'), `config ${name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}\n\tbool\n`);
  };
  for (const n of ['alpha', 'beta2', 'beta10', 'Zeta', 'under_score', 'dash-lib', '.hidden']) lib(n);
  lib('noconfig', false);
  fs.mkdirSync(path.join(real.root, 'elsewhere/gamma'), { recursive: true });
  fs.writeFileSync(path.join(real.root, 'elsewhere/gamma/Config.uk'), 'config GAMMA\n\tbool\n');
  fs.symlinkSync(path.join(real.root, 'elsewhere/gamma'), path.join(libs, 'gamma'));
  fs.writeFileSync(path.join(libs, 'afile'), 'not a library\n');
  // a plain folder whose Config.uk is a link to a file elsewhere, and the folder reached through a link
  lib('linkedconf', false);
  fs.writeFileSync(path.join(real.root, 'elsewhere/linked.uk'), 'config LINKEDCONF\n\tbool\n');
  fs.symlinkSync(path.join(real.root, 'elsewhere/linked.uk'), path.join(libs, 'linkedconf/Config.uk'));
  fs.symlinkSync(libs, path.join(real.root, 'libs-link'));
  out = path.join(real.root, 'build/kconfig');
  fs.mkdirSync(out, { recursive: true });
}, 600_000);
afterAll(() => real?.remove());

const q = (s: string) => `'${s}'`;

/** The command lines to compare, as the core's Config.uk lines build them (and a few variations). */
function commands(): [string, string, Record<string, string>?][] {
  const core = real.core;
  const o = (n: string) => `-o ${q(path.join(out, n))}`;
  const ex = (...dirs: string[]) => `-e ${q(dirs.map((d) => `:${d}`).join(''))}`;
  const elib = `${libs}/alpha:${libs}/gamma/:${libs}/noconfig:${real.root}/missing`;
  return [
    ['libs.uk as the core builds it', `${script} -q ${o('libs.uk')} -r ${q(`${core}/lib`)} -l ${q(`${core}/lib`)} -c ${q('')} -e ${q('')}`],
    ['libs.uk with external libraries', `${script} -q ${o('libs.uk')} -r ${q(`${core}/lib`)} -l ${q(`${core}/lib`)} -c ${q(elib)} ${ex()}`],
    ['libs.uk with libraries excluded (E=)', `${script} -q ${o('libs.uk')} -r ${q(`${core}/lib`)} -l ${q(`${core}/lib`)} -c ${q(elib)} ${ex(`${core}/lib/ukdebug`, `${libs}/alpha`)}`],
    ['a generated folder with -r (not quiet)', `${script} ${o('gen.uk')} -r ${q(`${libs}/`)} -l ${q(libs)} ${ex(`${libs}/beta2`)}`],
    ['a -r folder reached through a link, and through .. after it', `${script} ${o('gen.uk')} -r ${q(`${real.root}/libs-link`)} -r ${q(`${real.root}/libs-link/../libs-link/`)}`],
    ['plats.uk', `${script} -q ${o('plats.uk')} -r ${q(`${core}/plat`)} -l ${q(`${core}/plat`)} -c ${q('')} -e ${q('')}`],
    ['drivers.uk', `${script} -q ${o('drivers.uk')} -r ${q(`${core}/drivers`)} -l ${q(`${core}/drivers`)} -e ${q('')}`],
    ['drivers-virtio.uk', `${script} -q ${o('drivers-virtio.uk')} -r ${q(`${core}/drivers/virtio`)} -l ${q(`${core}/drivers/virtio`)} -e ${q('')}`],
    ['app.uk with a title', `${script} -q ${o('app.uk')} -t "Application Options" -l ${q(real.app)} -e ${q('')}`],
    ['a missing -r folder', `${script} ${o('none.uk')} -r ${q(`${real.root}/nothing`)} -l ${q(`${real.root}/nothing`)}`],
    ['stdout instead of -o, with operands', `${script} -t "Libs" -l ${q(`${libs}/alpha`)} ${libs}/gamma ${libs}/noconfig`],
    ['an existing output file is replaced', `${script} -q ${o('libs.uk')} -l ${q(`${libs}/beta10`)}`],
    // a locale that sorts case and punctuation its own way (when installed): bash's glob order
    ['a generated folder in another locale', `${script} ${o('gen.uk')} -r ${q(libs)}`, { LANG: 'en_US.UTF-8' }],
    ['the core libraries in another locale', `${script} -q ${o('libs.uk')} -r ${q(`${real.core}/lib`)}`, { LC_ALL: 'en_US.UTF-8' }],
  ];
}

const outFile = (cmd: string) => /-o '([^']*)'/.exec(cmd)?.[1];

describe('config-submenu.sh in process = the real script', () => {
  it('answers every variation exactly as the script does', () => {
    const before = submenuStats.answered;
    for (const [label, cmd, extra] of commands()) {
      const env = cleanEnv(extra);
      const file = outFile(cmd);
      const ref = runDirect(cmd, real.root, env);
      const refFile = file ? fs.readFileSync(file) : null;
      const mine = runSubmenuInProcess(cmd, real.root, env);
      expect(mine, label).not.toBeNull();
      expect(mine, label).toEqual(ref);
      if (file) {
        expect(fs.readFileSync(file).equals(refFile!), label).toBe(true);
      }
    }
    expect(submenuStats.answered - before).toBe(commands().length);
  }, 300_000);

  it('leaves to the real script what it cannot be sure of', () => {
    const env = cleanEnv();
    const plain = `${script} -q -o ${q(path.join(out, 'x.uk'))} -r ${q(libs)}`;
    expect(runSubmenuInProcess(plain, real.root, { ...env, UKMENU_SUBMENU: 'script' })).toBeNull();
    // -h prints usage; $(...) and globs are the shell's; an output that is a folder fails
    expect(runSubmenuInProcess(`${script} -h`, real.root, env)).toBeNull();
    expect(runSubmenuInProcess(`${script} -l "$(pwd)"`, real.root, env)).toBeNull();
    expect(runSubmenuInProcess(`${script} -c '${libs}/*'`, real.root, env)).toBeNull();
    expect(runSubmenuInProcess(`${script} -o ${q(out)} -l ${q(libs)}`, real.root, env)).toBeNull();
    // a script of another content: the real one runs
    const changed = path.join(real.root, 'other/support/build/config-submenu.sh');
    fs.mkdirSync(path.dirname(changed), { recursive: true });
    fs.writeFileSync(changed, `${fs.readFileSync(script, 'utf8')}\n# changed\n`, { mode: 0o755 });
    expect(runSubmenuInProcess(`${changed} -l ${q(libs)}`, real.root, env)).toBeNull();
  });
});
