"""A realistic posting file: ~4,500 cost centres with a few account strings each, twelve months,
Danish amounts and dates, semicolon, UTF-8; about 100 bytes a row. The same rows every time."""

from __future__ import annotations

import random
from pathlib import Path

COST_CENTRES = [str(100100 + 10 * n) for n in range(4_500)]
YEAR = 2022
# (function, classification): service areas, transfers and supply, as a municipality's ledger has them.
FUNCTIONS = [
    ("0.22.01", "service"), ("0.25.10", "forsyning"), ("0.28.20", "service"), ("2.22.01", "service"),
    ("2.28.22", "service"), ("3.01.01", "service"), ("3.22.01", "service"), ("3.22.05", "service"),
    ("3.22.07", "service"), ("3.22.08", "service"), ("3.22.14", "service"), ("3.30.45", "service"),
    ("3.35.64", "service"), ("3.38.74", "service"), ("4.62.82", "service"), ("4.62.84", "service"),
    ("5.25.10", "service"), ("5.25.11", "service"), ("5.25.14", "service"), ("5.28.20", "service"),
    ("5.30.26", "service"), ("5.30.27", "service"), ("5.30.28", "service"), ("5.32.32", "service"),
    ("5.38.42", "service"), ("5.38.50", "service"), ("5.46.61", "overfoersel"), ("5.48.67", "overfoersel"),
    ("5.57.72", "overfoersel"), ("5.57.73", "overfoersel"), ("5.57.75", "overfoersel"), ("5.68.90", "service"),
    ("6.45.50", "service"), ("6.45.51", "service"), ("6.52.72", "service"), ("6.52.76", "service"),
]
ARTS = ["1.0", "1.1", "1.5", "2.2", "2.7", "2.9", "4.0", "4.5", "4.9", "5.1", "5.2", "7.1", "7.2", "9.4"]
SUPPLIERS = ["Lyreco Danmark A/S", "Dansk Skoleinventar", "Fredensborg Vognmand", "KMD A/S", "Ørsted Salg & Service",
             "Aarhus Vand", "Løn", "Egen kørsel", "Frokostordning", "Rengøring Øst ApS", "Bogføring", "Refusion"]
WHAT = ["kontorartikler", "undervisningsmaterialer", "vikarer uge 27", "kørsel og befordring", "el og varme",
        "rengøring og vinduespudsning", "licenser", "madvarer til køkkenet", "vedligehold af bygning",
        "kursus og efteruddannelse"]
HEADER = "dato;funktion;dranst;art;omkostningssted;beloeb;tekst;bilagsnr;gruppering;projekt\n"
BLOCK = 100_000
VERSION = "2"  # bump when the rows change, so an old file is made again


def danish(oere: int) -> str:
    sign = "-" if oere < 0 else ""
    kroner, rest = divmod(abs(oere), 100)
    return f"{sign}{kroner:,}".replace(",", ".") + f",{rest:02d}"


def account_strings(rng: random.Random) -> list[str]:
    """A few "funktion;dranst;art;omkostningssted" per cost centre."""
    accounts = []
    for code in COST_CENTRES:
        functions = rng.sample(FUNCTIONS, 2)
        for _ in range(4):
            function, _classification = rng.choice(functions)
            dranst = rng.choices("123", weights=[85, 5, 10])[0]
            accounts.append(f"{function};{dranst};{rng.choice(ARTS)};{code}")
    return accounts


def generate(path: Path, rows: int, seed: int = 2022) -> Path:
    """Write ``rows`` postings to ``path`` unless a file of this version and size is there already."""
    stamp = path.with_suffix(".stamp")
    wanted = f"{VERSION}:{rows}:{seed}"
    if path.exists() and stamp.exists() and stamp.read_text() == wanted:
        return path
    rng = random.Random(seed)
    accounts = account_strings(rng)
    days = [f"{day:02d}-{month:02d}-{YEAR}" for month in range(1, 13) for day in range(1, 29)]
    texts = [f"{supplier} faktura {rng.randint(10000, 99999)}, {rng.choice(WHAT)}" for supplier in SUPPLIERS
             for _ in range(80)]
    amounts = [danish(rng.choice([1, 1, 1, -1]) * int(rng.lognormvariate(11, 2))) for _ in range(50_000)]
    groups = ["001", "002", "010", "099", ""]
    projects = [""] * 9 + ["P-2022-17"]
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write(HEADER)
        voucher = 1_000_000
        for start in range(0, rows, BLOCK):
            n = min(BLOCK, rows - start)
            columns = zip(rng.choices(days, k=n), rng.choices(accounts, k=n), rng.choices(amounts, k=n),
                          rng.choices(texts, k=n), rng.choices(groups, k=n), rng.choices(projects, k=n), strict=True)
            out.write("".join([f"{d};{a};{m};{t};B{voucher + i};{g};{p}\n"
                               for i, (d, a, m, t, g, p) in enumerate(columns)]))
            voucher += n
    stamp.write_text(wanted)
    return path
