// The title bar (program, mainmenu text, application, the .config with its saved/unsaved state and
// the number of values changed since load) and the breadcrumb of the current menu path, shortened
// from the outside in.
import React, { memo } from 'react';
import { Box, Text } from 'ink';
import { cut, fit, type Theme } from './theme.js';

export interface HeaderProps {
  title: string;
  app: string;
  configPath: string;
  /** The application's target whose configuration this is (`t`), if any. */
  target?: string;
  dirty: boolean;
  newFile: boolean;
  changed: number;
  crumbs: string[];
  width: number;
  theme: Theme;
}

/** Cuts a path from the left ("…/app/.config") to fit `room` columns. */
export function shortPath(p: string, room: number): string {
  if (p.length <= room) return p;
  const parts = p.split('/');
  for (let i = 1; i < parts.length - 1; i++) {
    const s = `…/${parts.slice(i).join('/')}`;
    if (s.length <= room) return s;
  }
  return `…/${parts.slice(-2).join('/')}`;
}

const SEP = ' › ';

/**
 * The breadcrumb in `room` columns: the current menu (the last part) stays readable; the outer
 * parts are shortened first, outermost first, then reduced to "…".
 */
export function crumbTrail(crumbs: readonly string[], room: number): string {
  const whole = crumbs.join(SEP);
  if (whole.length <= room || crumbs.length < 2) return cut(whole, room);
  const parts = [...crumbs];
  const last = parts.length - 1;
  for (const limit of [24, 12, 1]) {
    for (let i = 0; i < last; i++) {
      if (parts[i].length > limit) parts[i] = limit === 1 ? '…' : `${parts[i].slice(0, limit - 1)}…`;
      if (parts.join(SEP).length <= room) return parts.join(SEP);
    }
  }
  return cut(`…${SEP}${crumbs[last]}`, room);
}

export const Header = memo(function Header({ title, app, configPath, target, dirty, newFile, changed, crumbs, width, theme }: HeaderProps) {
  const state = dirty ? (newFile ? '[new, unsaved]' : '[+] unsaved') : 'saved';
  const tgt = target ? `target ${target} · ` : '';
  // the path gets what is left after the title, at least its last two parts
  const fixed = `${changed ? `${changed} changed · ` : ''}${tgt} ${state} `;
  const left0 = ` ukmenu · ${title}${app ? ` · ${app}` : ''}`;
  const pathRoom = Math.max(Math.min(configPath.length, 24), width - left0.length - fixed.length - 2);
  const right = `${changed ? `${changed} changed · ` : ''}${tgt}${shortPath(configPath, pathRoom)} ${state} `;
  const left = ` ukmenu · ${title}${app ? ` · ${app}` : ''}`;
  const room = Math.max(0, width - right.length - 1);
  const leftText = fit(left, Math.max(0, Math.min(room, width)));
  const rightText = cut(` ${right}`, width - leftText.length);
  const trail = crumbTrail(crumbs, width - 1);
  return (
    <Box flexDirection="column">
      <Text inverse bold wrap="truncate">{fit(leftText + rightText, width)}</Text>
      <Text color={theme.c('accent')} bold={!theme.color} wrap="truncate">{cut(` ${trail}`, width)}</Text>
    </Box>
  );
});
