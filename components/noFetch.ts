// yoga-layout (Ink's layout engine) loads its WebAssembly from a data: URL with fetch() when a
// global fetch exists, which makes Node load its whole HTTP client (undici, ~30 ms) at start-up;
// without fetch it decodes the same bytes directly. openMenu() hides fetch while Ink loads.
// (Reading the property descriptor does not trigger Node's lazy loading of fetch.)
let saved: PropertyDescriptor | undefined;

export function hideFetch(): void {
  if (saved) return;
  const d = Object.getOwnPropertyDescriptor(globalThis, 'fetch');
  if (!d || !d.configurable) return;
  saved = d;
  Object.defineProperty(globalThis, 'fetch', { value: undefined, configurable: true, writable: true });
}

export function restoreFetch(): void {
  if (!saved) return;
  Object.defineProperty(globalThis, 'fetch', saved);
  saved = undefined;
}
