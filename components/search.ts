// The search index lives in src/search/ (shared with `ukmenu search`); this re-export keeps the
// menu's imports working.
export { SearchIndex, nodeLabel, type SearchHit, type SearchResult, type SearchResults, type SearchOptions, type MatchRange } from '../src/search/index.js';
