"""Export of a period's postings in the format ``import_ledger`` reads (``styr export-ledger``).

Semicolon, UTF-8, Danish amounts ("-12.345,67") and dates ("31-07-2022"), every column, in the
order the postings were imported: exporting and importing again gives the same postings.
"""

import csv
from typing import TextIO

from styr.core.danish_values import parse_period

from .ledger_formats import OPTIONAL_COLUMNS, REQUIRED_COLUMNS
from .models import Posting

COLUMNS = (*REQUIRED_COLUMNS, *OPTIONAL_COLUMNS)


def export_ledger(period: str, out: TextIO) -> int:
    """Write the postings of ``period`` ("2022-07") to ``out`` (a text file opened with newline="");
    return how many. ValueError (Danish) for a bad period."""
    year, month = parse_period(period)
    writer = csv.writer(out, delimiter=";", lineterminator="\n")
    writer.writerow(COLUMNS)
    rows = (Posting.objects.filter(period=year * 100 + month).order_by("pk")
            .values_list("date", "function__code", "dranst", "art__code", "cost_centre__code", "amount", "text",
                         "voucher", "grouping", "project"))
    count = 0
    for day, function, dranst, art, cost_centre, amount, text, voucher, grouping, project in rows.iterator(10_000):
        writer.writerow((f"{day:%d-%m-%Y}", function, dranst, art, cost_centre, danish_amount(amount), text, voucher,
                         grouping, project))
        count += 1
    return count


def danish_amount(amount) -> str:
    """ "-12.345,67" for Decimal("-12345.67")."""
    return f"{amount:,.2f}".replace(",", "X").replace(".", ",").replace("X", ".")
