"""The posting store: the order postings are sent in, and the same postings however they are batched."""

import numpy as np
import pytest

from styr.budget import ledger_import, ledger_store
from styr.budget.ledger_import import import_ledger
from styr.budget.ledger_store import posting_order
from styr.budget.models import LedgerImport, Posting

from .ledger_factories import make_ledger_chart, postings, three_months_file


def _expected(periods, centres) -> list[int]:
    return sorted(range(len(periods)), key=lambda at: (periods[at], centres[at], at))


def test_postings_are_sent_by_month_then_cost_centre_then_place_in_the_file():
    rng = np.random.default_rng(7)
    periods = rng.choice([202207, 202201, 202212, 202306], size=5000)
    centres = rng.integers(1, 6000, size=5000)
    assert posting_order(periods, centres).tolist() == _expected(periods.tolist(), centres.tolist())


def test_cost_centre_ids_too_large_for_the_quick_sort_are_ordered_the_same():
    periods = np.array([202208, 202207, 202208, 202207, 202207])
    centres = np.array([2**40, 2**41, 5, 2**41, 7])
    assert posting_order(periods, centres).tolist() == _expected(periods.tolist(), centres.tolist())


def test_no_postings_have_no_order():
    assert posting_order(np.array([], np.int32), np.array([], np.int64)).tolist() == []


@pytest.mark.django_db
def test_postings_sent_in_many_small_batches_are_stored_as_when_sent_at_once(org, monkeypatch):
    make_ledger_chart(2022)
    data = three_months_file(60)
    import_ledger(data, filename="mange.csv")
    at_once = postings()
    Posting.objects.all().delete()
    LedgerImport.objects.update(sha256="")
    monkeypatch.setattr(ledger_store, "FIRST_UNSENT_BYTES", 1)  # PostgreSQL: every write sent on its own
    monkeypatch.setattr(ledger_import, "BATCH_ROWS", 7)
    monkeypatch.setattr(ledger_import, "_import_columnar", lambda *args, **kwargs: None)  # batches of 7
    second = import_ledger(data, filename="mange.csv").ledger_import
    assert postings() == at_once
    first_id = ledger_store.first_id(second.pk)
    assert sorted(Posting.objects.values_list("voucher", "id")) == sorted(
        (voucher, first_id + place) for place, voucher in enumerate(f"B{n}" for n in range(60)))
