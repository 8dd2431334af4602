"""The ledger import in the browser: preview, confirm, progress, result; imports and parked postings."""

from pathlib import Path
from types import SimpleNamespace

import pytest
from auditlog.models import LogEntry
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from styr.budget import ledger_views
from styr.budget.ledger_import import import_ledger
from styr.budget.models import LedgerImport, Posting, SuspensePosting

from .ledger_factories import JULY, make_ledger_chart, posting_file


@pytest.fixture
def finance_client(client, cast, settings, tmp_path, monkeypatch):
    """Finance staff logged in; uploads in a temporary folder; imports run at once instead of in a thread."""
    settings.MEDIA_ROOT = str(tmp_path)
    monkeypatch.setattr(ledger_views, "run_in_background", lambda function, *args: function(*args))
    make_ledger_chart(2022)
    client.force_login(cast.finance)
    cache.clear()
    return client


def upload(client, text: str, name: str = "juli.csv", **fields):
    data = {"file": SimpleUploadedFile(name, text.encode("utf-8"), "text/csv"), "profile": "standard", **fields}
    return client.post(reverse("budget-ledger-upload"), data)


def upload_id(response) -> str:
    return response.context["job"]["id"]


def test_an_upload_shows_a_preview_and_imports_nothing_yet(finance_client, tmp_path):
    response = upload(finance_client, JULY)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Prøvelæsning af juli.csv" in page and "semikolon, UTF-8" in page
    assert "«omkostningssted» → omkostningssted" in page and "12.345,67" in page and "Løn juli" in page
    assert "Begyndelsen af filen ser rigtig ud" in page and "Indlæs juli.csv" in page
    assert not Posting.objects.exists()
    assert (tmp_path / "imports" / f"{upload_id(response)}.csv").read_text(encoding="utf-8") == JULY


def test_confirming_runs_the_import_and_the_status_page_shows_the_result(finance_client, cast, tmp_path):
    job = upload_id(upload(finance_client, JULY, period="2022-07", park_unknown="on"))
    response = finance_client.post(reverse("budget-ledger-start"), {"upload": job})
    status_url = f"{reverse('budget-ledger-status')}?upload={job}"
    assert response.status_code == 302 and response.url == status_url
    page = finance_client.get(status_url).content.decode()
    assert "Posteringerne er indlæst" in page and "juli.csv er indlæst: 4 posteringer for juli 2022" in page
    assert "every 1s" not in page, "a finished import stops polling"
    record = LedgerImport.objects.get()
    assert record.imported_by == cast.finance and Posting.objects.count() == 4
    entry = LogEntry.objects.get_for_object(record).get()
    assert entry.actor == cast.finance and entry.additional_data == {"kilde": "upload af juli.csv"}
    assert not (tmp_path / "imports" / f"{job}.csv").exists(), "the upload is removed when the import is done"


def test_confirming_twice_imports_once(finance_client):
    job = upload_id(upload(finance_client, JULY))
    finance_client.post(reverse("budget-ledger-start"), {"upload": job})
    finance_client.post(reverse("budget-ledger-start"), {"upload": job})
    assert LedgerImport.objects.count() == 1


def test_the_same_file_again_says_it_was_already_imported(finance_client):
    import_ledger(JULY.encode(), filename="juli.csv")
    job = upload_id(upload(finance_client, JULY))
    finance_client.post(reverse("budget-ledger-start"), {"upload": job})
    page = finance_client.get(reverse("budget-ledger-status"), {"upload": job}).content.decode()
    assert "Filen var allerede indlæst" in page and LedgerImport.objects.count() == 1


def test_while_running_the_status_is_a_progress_bar_that_polls_and_works_without_javascript(finance_client):
    job = upload_id(upload(finance_client, JULY))
    state = cache.get(f"styr:ledger-upload:{job}")
    state.update(state="running", phase="læser", rows=50_000, fraction=0.42)
    cache.set(f"styr:ledger-upload:{job}", state)
    partial = finance_client.get(reverse("budget-ledger-status"), {"upload": job}, headers={"HX-Request": "true"})
    html = partial.content.decode()
    assert '<progress id="ledger-progress"' in html and 'value="42"' in html and 'hx-trigger="every 1s"' in html
    assert "læser, 50.000 rækker (42 %)" in html and "<h1>" not in html
    page = finance_client.get(reverse("budget-ledger-status"), {"upload": job}).content.decode()
    assert '<meta http-equiv="refresh" content="3">' in page and ">Opdater</a>" in page


def test_a_file_with_a_problem_in_its_head_shows_the_problems_and_no_confirm_button(finance_client):
    page = upload(finance_client, posting_file("01-07-2022;3.22.01;1;1.0;999999;1,00;x;1")).content.decode()
    assert "Filen er afvist" in page and "ukendt omkostningssted" in page and "999999" in page
    assert "budget-ledger-start" not in page and reverse("budget-ledger-start") not in page


def test_a_problem_past_the_preview_is_reported_on_the_status_page_and_nothing_changes(finance_client):
    rows = [f"01-07-2022;3.22.01;1;1.0;100100;{n},00;x;{n}" for n in range(2100)]
    job = upload_id(upload(finance_client, posting_file(*rows, "01-07-2022;3.22.01;1;1.0;100100;abc;x;y")))
    finance_client.post(reverse("budget-ledger-start"), {"upload": job})
    page = finance_client.get(reverse("budget-ledger-status"), {"upload": job}).content.decode()
    assert "Filen er afvist – intet er ændret" in page and "<td>2102</td>" in page and "«abc» er ikke et beløb" in page
    assert not Posting.objects.exists() and not LedgerImport.objects.exists()


def test_a_bad_period_is_refused_by_the_form(finance_client):
    page = upload(finance_client, JULY, period="juli").content.decode()
    assert "Skriv perioden som år-måned, fx 2022-07." in page and "Prøvelæsning" not in page


def test_an_upload_belongs_to_the_user_who_made_it(finance_client, client, cast):
    job = upload_id(upload(finance_client, JULY))
    client.force_login(cast.admin)
    assert client.get(reverse("budget-ledger-status"), {"upload": job}).status_code == 404
    assert client.post(reverse("budget-ledger-start"), {"upload": job}).status_code == 404
    assert client.get(reverse("budget-ledger-status"), {"upload": "ikke-et-id"}).status_code == 404
    assert not Posting.objects.exists()


@pytest.mark.parametrize("role", ["leader_a", "director", "outsider"])
def test_only_finance_staff_and_admins_may_upload(client, cast, role):
    client.force_login(getattr(cast, role))
    data = {"file": SimpleUploadedFile("juli.csv", JULY.encode(), "text/csv"), "profile": "standard"}
    assert client.post(reverse("budget-ledger-upload"), data).status_code == 404
    assert client.get(reverse("budget-ledger-imports")).status_code == 404


def test_the_list_of_imports_says_who_when_which_file_periods_rows_total_and_duration(finance_client, cast,
                                                                                     django_assert_max_num_queries):
    import_ledger(JULY.encode(), filename="juli.csv", user=cast.finance)
    import_ledger(posting_file("01-08-2022;3.22.01;1;1.0;100100;500,00;x;1").encode(), filename="august.csv")
    with django_assert_max_num_queries(8):
        page = finance_client.get(reverse("budget-ledger-imports")).content.decode()
    assert "juli.csv" in page and "august.csv" in page and "2022-07" in page and "1.011.596,17" in page
    assert "okonomi" in page and "kommando" in page and "semikolon, UTF-8" in page
    assert "juli 2022" in page and "august 2022" in page


def test_an_import_names_its_months_as_a_person_says_them_and_as_the_erp_writes_them():
    record = LedgerImport(periods=[f"2022-{month:02d}" for month in range(1, 13)])
    assert (record.periods_label, record.period_codes) == ("januar–december 2022", "2022-01 – 2022-12")
    assert (LedgerImport(periods=["2022-07"]).period_codes, LedgerImport(periods=[]).period_codes) == ("2022-07", "")


def test_parked_postings_are_listed_for_finance_staff(finance_client):
    import_ledger(posting_file("02-07-2022;3.22.01;1;1.0;777777;-2,50;ukendt sted;B7").encode(), filename="p.csv",
                  park_unknown=True)
    page = finance_client.get(reverse("budget-ledger-suspense")).content.decode()
    assert "1 parkerede posteringer" in page and "777777" in page and "-2,50" in page and "ukendt sted" in page
    assert SuspensePosting.objects.count() == 1


def test_the_background_runner_uses_its_own_thread_and_closes_its_connection(monkeypatch):
    seen = []
    monkeypatch.setattr(ledger_views, "connection", SimpleNamespace(close=lambda: seen.append("closed")))
    ledger_views.run_in_background(lambda name: seen.append(name), "x")
    for thread in __import__("threading").enumerate():
        if thread.name == "ledger-import-x":
            thread.join(timeout=5)
    assert seen == ["x", "closed"]


def test_uploads_left_unconfirmed_for_a_day_are_removed(tmp_path):
    old, new = tmp_path / "old.csv", tmp_path / "new.csv"
    old.write_text("x")
    new.write_text("y")
    import os
    import time
    os.utime(old, (time.time() - 2 * 86400, time.time() - 2 * 86400))
    ledger_views._remove_stale_uploads(Path(tmp_path))
    assert not old.exists() and new.exists()
