"""The ledger import in the browser: upload → preview → confirm → progress → result; the list of
imports; the parked postings. For finance staff and admins only (others get 404).

A file of a million rows takes a while, so the confirmed import runs in a background thread and
writes its progress to Django's cache under the upload's id; the status page polls it with htmx
(and, without JavaScript, refreshes itself). The upload is kept in MEDIA_ROOT/imports/<id> until
the import is done.
"""

import logging
import threading
import time
import uuid
from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import connection
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from styr.core.audit import acting
from styr.core.tabular import TableError
from styr.organisation import access

from .ledger_formats import PROFILES
from .ledger_import import Progress, import_ledger, preview_ledger
from .models import LedgerImport, SuspensePosting

logger = logging.getLogger(__name__)

JOB_SECONDS = 24 * 3600  # how long the cache keeps an upload's state
STALE_UPLOAD_SECONDS = 24 * 3600  # uploads never confirmed are removed after this
LIST_LIMIT = 200
SUSPENSE_LIMIT = 500


class LedgerUploadForm(forms.Form):
    file = forms.FileField(label="Posteringsfil (CSV)",
                           help_text="Kolonner: dato, funktion, dranst, art, omkostningssted, beloeb; valgfrit tekst, "
                                     "bilagsnr, gruppering, projekt. Semikolon, komma eller tabulator; UTF-8 eller "
                                     "Windows-1252.")
    period = forms.RegexField(label="Periode (valgfri)", required=False, regex=r"^\s*\d{4}[-./]\d{1,2}\s*$",
                              help_text="Fx 2022-07. Angives den, skal alle posteringer ligge i perioden.",
                              error_messages={"invalid": "Skriv perioden som år-måned, fx 2022-07."})
    profile = forms.ChoiceField(label="Format fra økonomisystemet",
                                choices=[(name, profile.label) for name, profile in PROFILES.items()],
                                initial="standard")
    park_unknown = forms.BooleanField(label="Parkér posteringer med ukendt omkostningssted i stedet for at afvise "
                                            "filen", required=False)


def _key(upload_id: str) -> str:
    return f"styr:ledger-upload:{upload_id}"


def _job_for(request, upload_id: str | None) -> dict:
    """The upload's state, if it is the user's own; 404 otherwise."""
    try:
        upload_id = str(uuid.UUID(upload_id or ""))
    except ValueError:
        raise Http404("Indlæsningen findes ikke") from None
    job = cache.get(_key(upload_id))
    if job is None or job["user_id"] != request.user.pk:
        raise Http404("Indlæsningen findes ikke")
    return job


def _save_job(job: dict) -> None:
    cache.set(_key(job["id"]), job, JOB_SECONDS)


def _upload_dir() -> Path:
    folder = Path(settings.MEDIA_ROOT) / "imports"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _remove_stale_uploads(folder: Path) -> None:
    cutoff = time.time() - STALE_UPLOAD_SECONDS
    for path in folder.glob("*.csv"):
        if path.stat().st_mtime < cutoff:
            path.unlink(missing_ok=True)


@access.role_required(*access.FINANCE_WRITE_ROLES)
@require_http_methods(["GET", "POST"])
def upload(request):
    form = LedgerUploadForm(request.POST or None, request.FILES or None)
    preview = job = None
    if request.method == "POST" and form.is_valid():
        folder = _upload_dir()
        _remove_stale_uploads(folder)
        upload_id = str(uuid.uuid4())
        path = folder / f"{upload_id}.csv"
        with path.open("wb") as out:
            for chunk in form.cleaned_data["file"].chunks():
                out.write(chunk)
        options = {"period": form.cleaned_data["period"].strip() or None, "profile": form.cleaned_data["profile"],
                   "park_unknown": form.cleaned_data["park_unknown"]}
        file_name = Path(form.cleaned_data["file"].name).name
        preview = preview_ledger(path, filename=file_name, **options)
        job = {"id": upload_id, "user_id": request.user.pk, "path": str(path), "file_name": file_name,
               "options": options, "state": "preview", "rows": 0, "fraction": 0.0, "phase": ""}
        _save_job(job)
    return render(request, "budget/ledger_upload.html", {"form": form, "preview": preview, "job": job})


@access.role_required(*access.FINANCE_WRITE_ROLES)
@require_POST
def start(request):
    job = _job_for(request, request.POST.get("upload"))
    if job["state"] == "preview":
        job["state"] = "running"
        job["phase"] = "venter"
        _save_job(job)
        run_in_background(_run_job, job["id"], request.user.pk)
    return redirect(f"{reverse('budget-ledger-status')}?upload={job['id']}")


@access.role_required(*access.FINANCE_WRITE_ROLES)
@require_GET
def status(request):
    job = _job_for(request, request.GET.get("upload"))
    template = "budget/ledger_status_partial.html" if request.htmx else "budget/ledger_status.html"
    return render(request, template, {"job": job, "percent": round(100 * job.get("fraction") or 0)})


@access.role_required(*access.FINANCE_WRITE_ROLES)
@require_GET
def import_list(request):
    imports = LedgerImport.objects.select_related("imported_by").order_by("-imported_at", "-pk")[:LIST_LIMIT]
    return render(request, "budget/ledger_imports.html", {"imports": imports, "limit": LIST_LIMIT})


@access.role_required(*access.FINANCE_WRITE_ROLES)
@require_GET
def suspense(request):
    postings = SuspensePosting.objects.select_related("ledger_import").order_by("-ledger_import_id", "line")
    return render(request, "budget/ledger_suspense.html", {
        "postings": postings[:SUSPENSE_LIMIT], "count": postings.count(), "limit": SUSPENSE_LIMIT,
    })


def run_in_background(function, *args) -> None:
    """Run ``function(*args)`` in a thread with its own database connection (tests replace this)."""

    def target():
        try:
            function(*args)
        finally:
            connection.close()

    threading.Thread(target=target, name=f"ledger-import-{args[0]}", daemon=True).start()


def _run_job(upload_id: str, user_id: int) -> None:
    job = cache.get(_key(upload_id))
    if job is None:
        return
    user = get_user_model().objects.filter(pk=user_id).first()

    def progress(report: Progress) -> None:
        job.update(phase=report.phase, rows=report.rows, fraction=report.fraction or 0.0)
        _save_job(job)

    try:
        with acting(user, source=f"upload af {job['file_name']}"):
            result = import_ledger(job["path"], filename=job["file_name"], user=user, progress=progress,
                                   **job["options"])
    except TableError as error:
        job.update(state="rejected", total=error.total,
                   problems=[{"line": p.line, "column": p.column, "value": p.value, "message": p.message}
                             for p in error.problems])
    except Exception:
        logger.exception("Bogføringsimporten af %s fejlede", job["file_name"])
        job.update(state="failed")
    else:
        job.update(state="done", summary=result.summary(), unchanged=result.unchanged, fraction=1.0,
                   parked=result.parked)
    finally:
        Path(job["path"]).unlink(missing_ok=True)
    _save_job(job)
