"""Logging in, login throttling, CSRF and the settings that must fail loudly."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from ..factories import PASSWORD, make_user

ROOT = Path(__file__).resolve().parents[2]


def login(client, username, password):
    return client.post(reverse("login"), {"username": username, "password": password})


def test_a_user_logs_in_and_lands_on_the_danish_start_page(client, cast):
    response = login(client, "okonomi", PASSWORD)
    assert response.status_code == 302 and response.url == reverse("core-home")
    page = client.get(reverse("core-home")).content.decode()
    assert '<html lang="da"' in page and "Velkommen" in page and "Log af" in page


def test_a_wrong_password_gives_a_danish_message(client, cast):
    page = login(client, "okonomi", "forkert").content.decode()
    assert "Brugernavn eller adgangskode er forkert" in page


def test_repeated_failures_lock_the_login_even_with_the_right_password(client, cast):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        login(client, "okonomi", "forkert")
    response = login(client, "okonomi", PASSWORD)
    assert response.status_code == 429
    assert "midlertidigt spærret" in response.content.decode()


def test_another_user_is_not_locked_by_someone_elses_failures(client, cast):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        login(client, "okonomi", "forkert")
    assert login(client, "direktor", PASSWORD).status_code == 302


def test_passwords_are_hashed_with_argon2_in_production():
    from styr import settings as production

    assert production.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


def test_a_form_post_without_a_csrf_token_is_refused(cast):
    client = Client(enforce_csrf_checks=True)
    client.force_login(cast.finance)
    response = client.post(reverse("organisation-import"), {})
    assert response.status_code == 403
    assert "Formularen kunne ikke sendes" in response.content.decode()


def test_logging_out_is_a_post_and_ends_the_session(client, cast):
    client.force_login(cast.finance)
    assert client.post(reverse("logout")).status_code == 302
    assert client.get(reverse("core-home")).status_code == 302


def run_settings(env: dict) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "STYR_DEBUG", "DATABASE_URL"}}
    return subprocess.run([sys.executable, "-c", "import styr.settings"], env={**clean, **env, "PYTHONPATH": "src"},
                          cwd=ROOT, capture_output=True, text=True, check=False)


def test_without_a_secret_key_styr_refuses_to_start_outside_debug():
    result = run_settings({})
    assert result.returncode != 0 and "SECRET_KEY mangler" in result.stderr


def test_a_bad_boolean_setting_stops_the_start_with_its_name():
    result = run_settings({"SECRET_KEY": "x" * 50, "STYR_DEBUG": "måske"})
    assert result.returncode != 0 and "STYR_DEBUG" in result.stderr


def test_debug_is_off_by_default():
    result = subprocess.run([sys.executable, "-c", "import styr.settings as s; print(s.DEBUG)"],
                            env={"SECRET_KEY": "x" * 50, "PYTHONPATH": "src", "PATH": os.environ["PATH"]},
                            cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.stdout.strip() == "False"


@pytest.mark.django_db
def test_the_audit_trail_shows_who_changed_what(client, cast):
    from styr.core.audit import acting

    with acting(cast.finance, source="test"):
        cast.org.b2.name = "Dagtilbud Nord og Øst"
        cast.org.b2.save()
    client.force_login(cast.admin)
    page = client.get(reverse("core-audit")).content.decode()
    assert "Dagtilbud Nord → Dagtilbud Nord og Øst" in page
    assert "okonomi" in page


def test_the_admin_site_is_in_danish(client, cast):
    staff = make_user("staff", is_staff=True, is_superuser=True)
    client.force_login(staff)
    page = client.get("/admin/").content.decode()
    assert "Enheder" in page and "Omkostningssteder" in page and "Log ud" in page


def test_the_admin_keeps_the_chart_and_pools_but_budget_changes_only_through_styrs_form(client, cast):
    staff = make_user("staff2", is_staff=True, is_superuser=True)
    client.force_login(staff)
    page = client.get("/admin/").content.decode()
    assert "Funktioner" in page and "Puljer" in page and "Områdeindstillinger" in page
    assert client.get("/admin/budget/budgetchange/add/").status_code == 403
