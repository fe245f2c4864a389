"""Rules of importing a regulator's decision: reading the table, checking its rows, comparing prices.

Plain functions, no database and no requests, so each is tested on its own (tests/decisions/).
"""
