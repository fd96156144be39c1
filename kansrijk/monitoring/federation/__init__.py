"""Federation of aggregates: a coalition publishes a signed document with its suppressed
figures for a period, a region imports such documents from several coalitions and shows them
side by side and summed.

- `document`: builds the document (version 1, described by `schema.json`) and validates it;
- `signing`: the installation's Ed25519 key, signatures over the canonical JSON;
- `importer`: the checks a region applies before it accepts a document.

A document holds no personal data: only counts of at least 10 or "<10", and shares and values
where their counts may be shown.
"""
