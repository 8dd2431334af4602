"""The baselines: the same file read and summed per month and account string by DuckDB and pandas.

Run as ``python -m bench.baselines duckdb|pandas FILE``; prints the number of groups and the total
in øre, so the bench can check that they agree with the import.
"""

import sys


def duckdb_baseline(path: str) -> tuple[int, int]:
    import duckdb

    groups, total = duckdb.sql(f"""
        SELECT count(*), sum(amount) FROM (
          SELECT strftime(strptime(dato, '%d-%m-%Y'), '%Y%m') AS period, omkostningssted, funktion, dranst, art,
                 sum(CAST(replace(replace(beloeb, '.', ''), ',', '') AS BIGINT)) AS amount, count(*) AS postings
          FROM read_csv('{path}', delim=';', header=true, all_varchar=true)
          GROUP BY ALL)
    """).fetchall()[0]  # noqa: S608 (a path from the bench itself)
    return groups, int(total)


def pandas_baseline(path: str) -> tuple[int, int]:
    import pandas as pd

    frame = pd.read_csv(path, sep=";", dtype=str, keep_default_na=False, encoding="utf-8")
    frame["period"] = frame["dato"].str[6:10] + frame["dato"].str[3:5]
    frame["oere"] = frame["beloeb"].str.replace(".", "", regex=False).str.replace(",", "", regex=False).astype("int64")
    sums = frame.groupby(["period", "omkostningssted", "funktion", "dranst", "art"])["oere"].agg(["sum", "count"])
    return len(sums), int(sums["sum"].sum())


if __name__ == "__main__":
    which, file = sys.argv[1], sys.argv[2]
    groups, total = {"duckdb": duckdb_baseline, "pandas": pandas_baseline}[which](file)
    print(groups, total)
