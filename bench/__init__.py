"""`make bench`: how fast the ledger import is, against DuckDB and pandas on the same file.

``python -m bench --rows N --runs R`` generates a realistic posting file of N rows in build/bench/,
runs the two baselines on it, sets up a fresh SQLite file and a fresh PostgreSQL database with the
organisation and chart the file refers to and imports the file into each through ``styr
import-ledger`` in a subprocess (time and peak memory), then runs the extra measures registered in
``bench.measures`` and prints one Markdown table. Each baseline and each import runs R times (3;
every import into a database of its own), and the table has the median time and the largest peak:
on these machines one run of the same work can be a tenth faster or slower than the next.
"""
