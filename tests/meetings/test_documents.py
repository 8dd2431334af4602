"""Agenda and minutes as PDF and Word in the municipality's layout; the public version has no
closed content at all."""

import subprocess
from io import BytesIO

import docx
import pytest

from styr.meetings import rendering, services
from styr.meetings.content import document_content
from tests.meetings.meeting_factories import decide_all, make_bodies, make_meeting_with_items

pytestmark = pytest.mark.django_db

SECRETS = ("Personalesag", "Fortrolig hemmelighed", "Hemmelig Hansen", "Hemmelig beslutning", "Fortroligt bilag")


def pdf_text(pdf: bytes, *args: str) -> str:
    return subprocess.run(["pdftotext", *args, "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()


@pytest.fixture
def minutes(cast):
    built = make_meeting_with_items(make_bodies([cast.director]).directors)
    decide_all(built)
    services.approve_minutes(built.meeting)
    return built


def test_the_minutes_pdf_has_the_reference_layout(minutes):
    text = pdf_text(rendering.pdf(document_content(minutes.meeting, "referat", public=False)))
    assert "REFERAT Direktionen d. 29-08-2022" in text
    assert "Mandag d. 29. august 2022 kl. 08:30" in text
    assert "Direktionens mødelokale" in text and "direktor" in text  # Mødested, Mødedeltagere
    assert "Punkt 1: Principper for det videre arbejde med pejlemærker" in text
    assert "Punkt 3: Lukket: Personalesag i Borgerservice" in text
    assert "Sagsnr.: 22-010739" in text and "J.nr.: 85.13.00 G01" in text
    assert "Sekretariatschefen indstiller, at Direktionen godkender de foreslåede principper." in text
    assert "Direktionens møde den 29. august 2022:" in text
    assert "Principnotat 22-000111" in text
    assert "Side 1 af 4" in text


def test_the_table_of_contents_gives_each_items_page(minutes):
    pdf = rendering.pdf(document_content(minutes.meeting, "referat", public=True))
    first_page = pdf_text(pdf, "-layout", "-f", "1", "-l", "1")
    toc = [line.split() for line in first_page.splitlines() if line.strip()[:2] in ("1.", "2.", "3.")]
    assert [line[-1] for line in toc] == ["2", "3", "4"]
    assert "Lukket: Personalesag i Borgerservice" in first_page
    for page, heading in ((2, "Punkt 1:"), (3, "Punkt 2:"), (4, "Punkt 3: Lukket:")):
        assert heading in pdf_text(pdf, "-f", str(page), "-l", str(page))


def test_the_public_pdf_and_word_leave_out_closed_content_entirely(minutes):
    content = document_content(minutes.meeting, "referat", public=True)
    public_pdf = pdf_text(rendering.pdf(content))
    public_word = rendering.word(content)
    word_text = "\n".join(p.text for p in docx.Document(BytesIO(public_word)).paragraphs)
    assert "Punkt 3: Lukket: Personalesag i Borgerservice" in public_pdf
    assert "Punkt 3: Lukket: Personalesag i Borgerservice" in word_text
    for secret in SECRETS[1:]:
        assert secret not in public_pdf
        assert secret.encode() not in public_word and secret not in word_text
    internal = pdf_text(rendering.pdf(document_content(minutes.meeting, "referat", public=False)))
    for secret in SECRETS:
        assert secret in internal


def test_the_agenda_has_no_decisions(cast):
    built = make_meeting_with_items(make_bodies().directors)
    text = pdf_text(rendering.pdf(document_content(built.meeting, "dagsorden", public=False)))
    assert text.startswith("DAGSORDEN Direktionen d. 29-08-2022")
    assert "Beslutning\n" not in text and "møde den" not in text


def test_the_word_minutes_have_headings_a_toc_and_numbered_recommendations(minutes):
    opened = docx.Document(BytesIO(rendering.word(document_content(minutes.meeting, "referat", public=False))))
    headings = [p.text for p in opened.paragraphs if p.style.name == "Heading 1"]
    assert headings == ["Punkt 1: Principper for det videre arbejde med pejlemærker",
                        "Punkt 2: Orientering om udviklingen i kommunens økonomi",
                        "Punkt 3: Lukket: Personalesag i Borgerservice"]
    assert opened.paragraphs[0].text == "REFERAT Direktionen d. 29-08-2022"
    assert "TOC" in opened.element.body.xml
    assert rendering.filename(document_content(minutes.meeting, "referat", public=True), "docx") == \
        "referat-direktionen-29-08-2022-offentlig.docx"


def test_the_command_writes_the_documents_and_rebuilds_the_index(minutes, tmp_path):
    from django.core.management import call_command
    from django.core.management.base import CommandError

    out = tmp_path / "ud"
    call_command("meetings", "document", str(minutes.meeting.pk), "--out", str(out))
    assert sorted(p.name for p in out.iterdir()) == ["referat-direktionen-29-08-2022-offentlig.docx",
                                                          "referat-direktionen-29-08-2022-offentlig.pdf"]
    with pytest.raises(CommandError, match="findes ikke"):
        call_command("meetings", "document", "999999", "--out", str(out))
    call_command("meetings", "reindex")
