"""Site-wide views of the whole debate, each computed once per build from the `CorpusIndex`.

- `matrix`: the stance matrix, actors × claims and countries × claims (``/stances/``);
- `timeline`: every statement in date order (``/timeline/``) and the small timelines of claim and
  actor pages;
- `graph`: static SVG diagrams of who stands where, per claim and site-wide (``/graph/``);
- `exports`: open data (``/data/``) and the schema.org JSON-LD of claim pages.

Each module's ``view(corpus, index, site)`` adds its pages or files to the `Site`.
"""

from __future__ import annotations
