// The steps in which a Unikraft build gets a library's sources (support/build/Makefile.rules:
// fetch/fetch2 print `WGET libname: URL [retry-with: URL2]`, clone `GIT libname`, unarchive
// `UNTAR|UNZIP libname: file`, patch `PATCH libname: file`, the checksum `SHA256 libname: file`),
// and, when one fails, which library, which URL, and where its archive is expected (or which patch
// does not apply to its sources).
//
// The download itself fails silently: the rule runs `wget -q ... || rm ARCHIVE`, so the first message
// is tar's "Cannot open" on the missing archive (or the shell's "wget: not found").
import path from 'node:path';
import type { BuildError } from './errors.js';
import type { Step } from './progress.js';

export const FETCH_TAGS: Record<string, string> = {
  WGET: 'downloading', GIT: 'cloning', UNTAR: 'unpacking', UNZIP: 'unpacking', PATCH: 'patching',
  MD5: 'checking', SHA1: 'checking', SHA256: 'checking', SHA512: 'checking',
};

/** What a fetch step does, in a word ("downloading"), or undefined for other steps. */
export function fetchAction(step: Step): string | undefined {
  return FETCH_TAGS[step.tag];
}

export interface LibraryFetch {
  lib: string;
  /** The URLs a WGET step tries, in order; the repository of a GIT step once git names it. */
  urls: string[];
  /** The archive's file name (UNTAR/UNZIP/checksum steps), or the one the URL implies. */
  archive?: string;
  git: boolean;
}

const READY = 'then build again';

export class FetchTracker {
  readonly libs = new Map<string, LibraryFetch>();
  private lastGit: LibraryFetch | null = null;
  private lastPatch: { lib: string; file: string } | null = null;
  private wgetMissing = false;
  private readonly reported = new Set<string>();

  /** @param buildDir Unikraft's BUILD_DIR (O=), where each library's archive goes; known or not. */
  constructor(private readonly buildDir?: string) {}

  /** Takes a step line; true when it is a fetch step. */
  step(step: Step): boolean {
    if (!fetchAction(step)) return false;
    const m = /^(\S+?): (.+)$/.exec(step.target);
    const lib = m ? m[1] : step.target.split(/\s/)[0];
    const rest = m ? m[2] : '';
    const f = this.libs.get(lib) ?? { lib, urls: [], git: false };
    this.libs.set(lib, f);
    if (step.tag === 'WGET') {
      const r = /^(\S+)(?: \[retry-with: (\S+)\])?/.exec(rest);
      if (r) {
        f.urls = [r[1], ...(r[2] ? [r[2]] : [])];
        f.archive ??= path.posix.basename(r[1].replace(/[?#].*$/, ''));
      }
    } else if (step.tag === 'PATCH') {
      this.lastPatch = { lib, file: rest };
    } else if (step.tag === 'GIT') {
      f.git = true;
      this.lastGit = f;
    } else if (rest) {
      f.archive = rest;
    }
    return true;
  }

  /** The failure that an error line of the build reveals, once per library; null when it is none. */
  failure(e: BuildError): BuildError | null {
    const text = e.text;
    if (/(?:^|: )wget: (?:\d+: )?(?:not found|command not found)|^\S*sh: .*\bwget: (?:not found|command not found)/.test(text)) this.wgetMissing = true;
    return this.archiveMissing(text) ?? this.checksumMismatch(text) ?? this.patchRejected(text) ?? this.cloneFailed(text);
  }

  /** tar/unzip cannot open the archive that a WGET step should have left: the download failed. */
  private archiveMissing(text: string): BuildError | null {
    const m = /^tar(?: \(child\))?: (.+?): Cannot open: /.exec(text) ?? /cannot find or open (\S+?)(?:,|$)/.exec(text);
    const f = m ? this.byArchive(m[1]) : undefined;
    if (!m || !f || !f.urls.length) return null;
    const archive = m[1];
    const why = this.wgetMissing ? ' (wget is not installed: Debian/Ubuntu package wget)' : '';
    return this.report(f, {
      text: `${f.lib}: could not download its sources from ${f.urls.join(' or ')}${why}`,
      kind: 'fetch',
      hint: [
        `the archive is expected at ${archive}`,
        `fix: put it there by hand, or download through a proxy (http_proxy=... https_proxy=... for wget), ${READY}`,
        `e.g. where that address can be reached: wget -O ${archive} ${f.urls[0]}`,
      ],
    });
  }

  /** Unikraft's chksum_cmd: the archive is not the one LIBNAME_ORIGIN_SHA256 (...) names. */
  private checksumMismatch(text: string): BuildError | null {
    const m = /^(.+?): (MD5|SHA1|SHA256|SHA512) checksum validation failed$/.exec(text);
    const f = m ? this.byArchive(m[1]) : undefined;
    if (!m || !f) return null;
    return this.report(f, {
      text: `${f.lib}: the archive ${m[1]} does not match its ${m[2]} checksum (${varName(f.lib)}_ORIGIN_${m[2]})`,
      kind: 'fetch',
      hint: [`a partial or changed download${f.urls.length ? ` of ${f.urls.join(' or ')}` : ''}: delete it and build again, or put the right archive there`],
    });
  }

  /** patch's message after a PATCH step: that library's patch does not apply. */
  private patchRejected(text: string): BuildError | null {
    if (!this.lastPatch || !/^patch: \*\*\*\* |^\d+ out of \d+ hunks? FAILED|^Hunk #\d+ FAILED|^can't find file to patch/.test(text)) return null;
    const { lib, file } = this.lastPatch;
    return this.report(this.libs.get(lib) ?? { lib, urls: [], git: false }, {
      text: `${lib}: the patch ${file} does not apply to its sources: ${text}`,
      kind: 'fetch',
      hint: [`the sources are in ${this.where(lib, 'origin')}; a different version than the patches expect? (delete ${this.where(lib, '')} to fetch them again)`],
    });
  }

  /** git's fatal message after a GIT step (clone: quiet, so the message names the repository). */
  private cloneFailed(text: string): BuildError | null {
    const m = /^fatal: (?:unable to access|repository) '([^']+)'/.exec(text) ?? /^fatal: (.+)$/.exec(text);
    const f = this.lastGit;
    if (!m || !f) return null;
    if (/^\w+:\/\/|^git@/.test(m[1])) f.urls = [m[1].replace(/\/$/, '')];
    return this.report(f, {
      text: `${f.lib}: could not clone its sources${f.urls.length ? ` from ${f.urls[0]}` : ''}: ${text.replace(/^fatal: /, '')}`,
      kind: 'fetch',
      hint: [
        `the sources are expected in ${this.where(f.lib, 'origin')}`,
        `fix: clone them there by hand (or through a proxy: https_proxy=...), create ${this.where(f.lib, '.origin')}, ${READY}`,
      ],
    });
  }

  private report(f: LibraryFetch, e: BuildError): BuildError | null {
    if (this.reported.has(f.lib)) return null;
    this.reported.add(f.lib);
    return e;
  }

  /** The library whose archive is `file`: BUILD_DIR/<lib>/<archive>, or by its file name. */
  private byArchive(file: string): LibraryFetch | undefined {
    const lib = path.posix.basename(path.posix.dirname(file));
    const f = this.libs.get(lib);
    if (f) return f;
    const name = path.posix.basename(file);
    for (const g of this.libs.values()) if (g.archive === name) return g;
    return undefined;
  }

  private where(lib: string, name: string): string {
    return this.buildDir ? path.join(this.buildDir, lib, name) : `BUILD_DIR/${lib}/${name}`;
  }
}

/** LIBFOO for libfoo: the prefix of a library's make variables (Makefile.rules: vprefix_lib). */
function varName(lib: string): string {
  return lib.toUpperCase().replace(/[^A-Z0-9_]/g, '_');
}
