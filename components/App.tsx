// The full-screen menu: title bar, breadcrumb, the current view (menu, search, info, why, preview,
// dialogs), status line and key bar; or a full-screen panel (build/run); or, when the terminal is
// too small, a plain message. All state is in the controllers (the MenuController routes keys to
// the view on top); this component subscribes to it and lays the views out.
import React, { useCallback, useEffect, useReducer } from 'react';
import { Box, Text, useApp, useInput, type Key } from 'ink';
import { MIN_HEIGHT, MIN_WIDTH, type MenuController } from './controller.js';
import { DetailsPane } from './DetailsPane.js';
import { PickDialog, PreviewDialog, PromptLine, QuitDialog } from './Dialogs.js';
import { Footer } from './Footer.js';
import { Header } from './Header.js';
import { entryLabel } from './layoutText.js';
import { MenuList } from './MenuList.js';
import { Pager } from './Pager.js';
import { Rule } from './Rule.js';
import { SearchView } from './SearchView.js';
import { StatusLine } from './StatusLine.js';
import { fit } from './theme.js';
import { useTerminalSize } from './useTerminalSize.js';
import { WhyView } from './WhyView.js';

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
  const h = height ?? Math.max(1, size.rows - 1);
  controller.setViewport(w, h);
  const [, bump] = useReducer((x: number) => x + 1, 0);
  useEffect(() => controller.subscribe(bump), [controller]);
  useEffect(() => {
    controller.onExit = () => exit();
  }, [controller, exit]);
  const onKey = useCallback((input: string, key: Key) => controller.handleInput(input, key), [controller]);
  useInput(onKey);

  const mode = controller.mode;
  const theme = controller.theme;
  if (mode.kind === 'panel') {
    return (
      <Box flexDirection="column" width={w} height={h} overflowY="hidden">
        <Text inverse bold wrap="truncate">{fit(` ukmenu · ${mode.panel.title}`, w)}</Text>
        <Box flexDirection="column" width={w} height={Math.max(0, h - 1)} overflow="hidden">
          {mode.panel.render({ columns: w, rows: Math.max(0, h - 1) })}
        </Box>
      </Box>
    );
  }
  if (controller.tooSmall) {
    return (
      <Box flexDirection="column" width={w} height={h} overflowY="hidden">
        <Text bold wrap="wrap">{`Terminal too small: ${w}x${h + (height === undefined ? 1 : 0)}.`}</Text>
        <Text wrap="wrap">{`ukmenu needs at least ${MIN_WIDTH}x${MIN_HEIGHT + 1} (80x24 or more is best). Make the window bigger, or press q to quit.`}</Text>
        {mode.kind === 'quit' ? <Text bold wrap="wrap">{`Save changes? y yes, n no, c cancel (${mode.changes.length} changed)`}</Text> : null}
      </Box>
    );
  }

  const bodyH = controller.bodyHeight;
  let body: React.ReactNode;
  switch (mode.kind) {
    case 'search':
      body = <SearchView view={mode} session={controller.session} width={w} height={bodyH} />;
      break;
    case 'pager':
      body = <Pager title={mode.title} lines={mode.shownLines()} top={mode.top} width={w} height={bodyH} theme={theme} />;
      break;
    case 'why':
      body = <WhyView view={mode} session={controller.session} width={w} height={bodyH} />;
      break;
    case 'quit':
      body = <QuitDialog view={mode} session={controller.session} onChoose={(v) => controller.act(() => mode.choose(v))} width={w} height={bodyH} />;
      break;
    case 'preview':
      body = <PreviewDialog view={mode} theme={theme} onChoose={(v) => controller.act(() => mode.choose(v))} width={w} height={bodyH} />;
      break;
    case 'pick':
      body = <PickDialog view={mode} theme={theme} width={w} height={bodyH} />;
      break;
    default: {
      const { index, rows } = controller.cursor();
      const row = rows[index] ?? null;
      body = (
        <>
          <MenuList menu={controller.menu} session={controller.session} editing={mode.kind === 'edit' ? mode : null} width={w} height={controller.listHeight} />
          <Rule width={w} label={entryLabel(row, index, rows.length, controller.showAll, controller.showNames)} />
          <DetailsPane lines={controller.details(row?.node ?? null, controller.detailsHeight)} width={w} height={controller.detailsHeight} theme={theme} />
        </>
      );
    }
  }
  let bottom: React.ReactNode;
  if (mode.kind === 'prompt') bottom = <PromptLine view={mode} theme={theme} width={w} />;
  else if (mode.kind === 'edit' && !controller.status) {
    bottom = <StatusLine width={w} theme={theme} status={{ tone: 'info', text: `Editing ${mode.name}: Enter sets the value, Esc cancels` }} />;
  } else bottom = <StatusLine status={controller.status} width={w} theme={theme} />;

  return (
    <Box flexDirection="column" width={w} height={h} overflowY="hidden">
      <Header
        title={controller.title}
        app={controller.app}
        configPath={controller.configPath}
        target={controller.target}
        dirty={controller.dirty}
        newFile={controller.isNewFile}
        changed={controller.changedSinceLoad().size}
        crumbs={controller.breadcrumb()}
        width={w}
        theme={theme}
      />
      <Rule width={w} />
      {body}
      {bottom}
      <Footer hints={controller.hints()} width={w} />
    </Box>
  );
}
