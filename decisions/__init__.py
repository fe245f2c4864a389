"""Regulator's decisions: a table of figures imported into a draft revision of the page that publishes them.

One importer for every record type; each type is a *layout* of ``decisions.layouts`` (its columns,
how a cell is read, its key, its comparison words):

- ``tariffs``: tariff page; group; rate type; zone; band; price with VAT; town (optional).
- ``connection``: connection-fee page; rate code (C1, C2, C3, C8, preferential, social); voltage;
  area; amount.
- ``ceilings``: subsidy page; persons in the family (1–10); heating-period ceiling; non-heating ceiling.
- ``benefits``: subsidy page; measure (payment_share, compensation); percent.

Example files (demo values): ``decisions/examples/<layout>.csv``. The admin URLs are listed in
``decisions.views``; the rules (reading, checking, comparing) are in ``decisions.rules``; the
layouts, refusals and steps for editors in docs/decision-import.md.
"""
