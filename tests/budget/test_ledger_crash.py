"""An import killed midway (SIGKILL, as by the OOM killer or a reboot) leaves the old data."""

import os
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection

from .ledger_factories import JULY, posting_file

ROOT = Path(__file__).resolve().parents[2]
SETUP = """
from tests.budget.ledger_factories import make_ledger_chart
from tests.factories import make_unit
make_unit("K", "Testkommune", cost_centres=("100100", "100110", "100300"))
make_ledger_chart(2022)
"""
STATE = """
from django.db.models import Count, Sum
from styr.budget.models import LedgerCentreMonth, LedgerImport, LedgerMonth, Posting
print(Posting.objects.aggregate(n=Count("id"), s=Sum("amount")), LedgerMonth.objects.aggregate(s=Sum("amount")),
      LedgerCentreMonth.objects.aggregate(n=Count("id"), s=Sum("amount")), LedgerImport.objects.count())
"""
BIG_ROWS = 400_000
KILL_AFTER = 1  # rows: killed once the first block is written
# PostgreSQL: the import as a large file makes it, on side connections (ledger_loaders), whatever its size.
SIDE_LOADED = """
import sys
import django
django.setup()
from styr.budget import ledger_store
ledger_store.SIDE_LOADING_BYTES = 0
from django.core.management import call_command
call_command("import-ledger", sys.argv[1], verbosity=2)
"""
LOOSE_TABLES = """
from django.db import connection
with connection.cursor() as cursor:
    cursor.execute("SELECT count(*) FROM pg_class WHERE relname LIKE 'budget\\_posting\\_i%' AND relkind = 'r' "
                   "AND NOT relispartition")
    print(cursor.fetchone()[0])
"""


def styr_env(tmp_path) -> dict:
    env = {"DJANGO_SETTINGS_MODULE": "tests.settings", "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
           "PYTHONPATH": "src:.", "SECRET_KEY": "test"}
    if connection.vendor == "postgresql":
        db = connection.settings_dict
        credentials = quote(db["USER"] or "") + (f":{quote(db['PASSWORD'])}" if db["PASSWORD"] else "")
        env["DATABASE_URL"] = f"postgresql://{credentials}@{db['HOST']}:{db['PORT'] or 5432}/{quote(db['NAME'])}"
    else:
        env["STYR_SQLITE_PATH"] = str(tmp_path / "styr.sqlite3")
    return env


def styr(env, *args) -> str:
    result = subprocess.run([sys.executable, "-m", "styr.cli", *args], env=env, cwd=ROOT, capture_output=True,
                            text=True, check=False, timeout=300)
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("side_loaded", [False, True], ids=["in its transaction", "on side connections"])
def test_an_import_killed_midway_leaves_the_old_data_and_the_next_import_works(tmp_path, side_loaded):
    if side_loaded and connection.vendor != "postgresql":
        pytest.skip("only PostgreSQL loads on side connections")
    env = styr_env(tmp_path)
    if connection.vendor == "sqlite":
        styr(env, "migrate", "-v0")
    styr(env, "shell", "-c", SETUP)
    old, big = tmp_path / "old.csv", tmp_path / "big.csv"
    old.write_text(JULY, encoding="utf-8")
    big.write_text(posting_file(*(f"{n % 28 + 1:02d}-07-2022;3.22.01;1;1.0;100110;{n},50;række {n};B{n}"
                                  for n in range(BIG_ROWS))), encoding="utf-8")
    styr(env, "import-ledger", str(old))
    before = styr(env, "shell", "-c", STATE)

    command = ["-c", SIDE_LOADED, str(big)] if side_loaded else ["-m", "styr.cli", "import-ledger", str(big), "-v2"]
    process = subprocess.Popen([sys.executable, *command], env=env, cwd=ROOT, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE)
    seen = bytearray()

    def read_stderr():
        while chunk := process.stderr.read1(256):
            seen.extend(chunk)

    reader = threading.Thread(target=read_stderr, daemon=True)
    reader.start()
    def rows_written() -> int:
        counts = re.findall(rb"l\xc3\xa6ser: ([0-9.]+) r", bytes(seen))
        return int(counts[-1].replace(b".", b"")) if counts else 0

    deadline = time.monotonic() + 120
    while rows_written() < KILL_AFTER and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    assert process.poll() is None, f"the import ended before it could be killed: {seen.decode()}"
    assert rows_written() >= KILL_AFTER, "the import never began writing"
    process.send_signal(signal.SIGKILL)  # the first blocks read and written, the rest not
    process.wait(timeout=30)
    reader.join(timeout=5)

    assert styr(env, "shell", "-c", STATE) == before
    styr(env, "import-ledger", str(big))
    after = styr(env, "shell", "-c", STATE)
    assert f"'n': {BIG_ROWS}" in after and after != before
    if connection.vendor == "postgresql":
        loose = styr(env, "shell", "-c", LOOSE_TABLES).split()[-1]
        assert loose == "0", "no new table is left outside the posting table"
