"""The shared model: what the importer, the lint (`tools/check/`), the reviewer's report
(`tools/diff/`) and the build (`tools/edition/`) all need, so that none imports another's
internals.

- `errors`: SourceError, bad input as every tool reports it (file, line, problem, what to do);
- `schema`: the editors' data files (tools/data/*.yaml), each read against its schema;
- `build_data`: the data files the importer writes into the project for the build;
- `errata`: the corrections and where their corrected words stand;
- `printed_index`, `index_headings`: the printed Index as data, its order and its headings;
- `paragraph_numbering`: how a selection's paragraphs are numbered (p1, h1, s1);
- `markdown`: the book's pages parsed as MyST parses them;
- `allowed`, `safety`, `rules`: the allow-list and the security rules the lint and the build share;
- `selection_fields`, `source_text`: a selection's front matter fields; the source's own markup.
"""
