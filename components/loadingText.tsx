// What a panel whose modules are still loading shows (src/deferredPanel.ts): kept out of that
// module so that the menu's first frame, drawn before React and Ink load, does not need them.
import React from 'react';
import { Text } from 'ink';

export const loadingText = () => <Text dimColor>Loading…</Text>;

export const unavailableText = (title: string, reason: string) => <Text color="red">{`${title} is not available: ${reason}`}</Text>;
