"""`make bench`: how fast the ledger import is, against DuckDB and pandas on the same file.

``python -m bench --rows N`` generates a realistic posting file of N rows in build/bench/, sets up a
fresh SQLite file and a fresh PostgreSQL database with the organisation and chart the file refers
to, imports the file into each through ``styr import-ledger`` in a subprocess (time and peak
memory), runs the two baselines on the same file, then the extra measures registered in
``bench.measures``, and prints one Markdown table.
"""
