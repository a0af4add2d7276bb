// The full-screen menu: header, the current menu (or search / pager), details, status, key hints.
// All state is in the MenuController; this component subscribes to it and lays the views out.
import React, { useCallback, useEffect, useReducer } from 'react';
import { Box, Text, useApp, useInput, type Key } from 'ink';
import type { MenuController } from './controller.js';
import { detailLines } from './details.js';
import { DetailsPane } from './DetailsPane.js';
import { Footer } from './Footer.js';
import { Header } from './Header.js';
import { LoadPrompt } from './LoadPrompt.js';
import { MenuList } from './MenuList.js';
import { Pager } from './Pager.js';
import { QuitDialog } from './QuitDialog.js';
import { Rule } from './Rule.js';
import { SearchView } from './SearchView.js';
import { StatusLine } from './StatusLine.js';
import { useTerminalSize } from './useTerminalSize.js';
import { fit } from './theme.js';

export interface AppProps {
  controller: MenuController;
  /** Fixed size (tests); default: the terminal's, one line short of full to avoid Ink's full redraw. */
  width?: number;
  height?: number;
}

export function App({ controller, width, height }: AppProps) {
  const { exit } = useApp();
  const size = useTerminalSize();
  const w = width ?? size.columns;
  const h = height ?? Math.max(10, size.rows - 1);
  controller.setViewport(w, h);
  const [, bump] = useReducer((x: number) => x + 1, 0);
  useEffect(() => controller.subscribe(bump), [controller]);
  useEffect(() => {
    controller.onExit = () => exit();
  }, [controller, exit]);
  const onKey = useCallback((input: string, key: Key) => controller.handleKey(input, key), [controller]);
  useInput(onKey);

  const mode = controller.mode;
  if (mode.kind === 'panel') {
    return (
      <Box flexDirection="column" width={w} height={h} overflow="hidden">
        <Text inverse bold wrap="truncate">{fit(` ukmenu · ${mode.panel.title}`, w)}</Text>
        <Box flexDirection="column" width={w} height={h - 1} overflow="hidden">
          {mode.panel.render({ columns: w, rows: h - 1 })}
        </Box>
      </Box>
    );
  }
  let body: React.ReactNode;
  if (mode.kind === 'search') {
    body = <SearchView controller={controller} width={w} height={controller.bodyHeight} />;
  } else if (mode.kind === 'pager') {
    body = <Pager title={mode.title} lines={controller.pagerLines()} top={mode.top} width={w} height={controller.bodyHeight} />;
  } else {
    const { index, rows } = controller.cursor();
    const row = rows[index] ?? null;
    const label = row ? (row.node.symbol && row.node.kind !== 'choice' ? row.node.symbol : row.node.prompt ?? '') : '';
    const pos = rows.length ? `${index + 1}/${rows.length}` : '';
    body = (
      <>
        <MenuList controller={controller} width={w} height={controller.listHeight} />
        <Rule width={w} label={`${label}${label && pos ? '  ' : ''}${pos}`} />
        <DetailsPane lines={detailLines(controller.tree, row?.node ?? null, controller.detailsHeight)} width={w} height={controller.detailsHeight} />
      </>
    );
  }
  let bottom: React.ReactNode;
  if (mode.kind === 'quit') bottom = <QuitDialog configPath={controller.configPath} choice={mode.choice} />;
  else if (mode.kind === 'load') bottom = <LoadPrompt text={mode.text} error={controller.status?.tone === 'error' ? controller.status.text : null} />;
  else if (mode.kind === 'edit' && !controller.status) {
    bottom = <StatusLine width={w} status={{ tone: 'info', text: `Editing ${mode.name}: Enter sets the value, Esc cancels` }} />;
  } else bottom = <StatusLine status={controller.status} width={w} />;

  return (
    <Box flexDirection="column" width={w} height={h} overflow="hidden">
      <Header
        title={controller.title}
        configPath={controller.configPath}
        dirty={controller.dirty}
        newFile={controller.isNewFile}
        crumbs={controller.breadcrumb()}
        width={w}
      />
      <Rule width={w} />
      {body}
      {bottom}
      <Footer mode={mode.kind as Exclude<typeof mode.kind, 'panel'>} width={w} canBuild={!!controller.onBuild} canRun={!!controller.onRun} />
    </Box>
  );
}
