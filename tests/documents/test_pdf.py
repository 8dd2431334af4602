"""The shared PDF page: A4, Danish text, "Side X af Y", a table of contents with page numbers."""

import subprocess

import pytest

from styr.documents.pdf import font_face_css, html_to_pdf, render_pdf


def pdf_text(pdf: bytes, *args: str) -> str:
    return subprocess.run(["pdftotext", *args, "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()


def pdf_info(pdf: bytes) -> dict[str, str]:
    out = subprocess.run(["pdfinfo", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    return dict(line.split(":", 1) for line in out.splitlines() if ":" in line)


def three_sections() -> str:
    toc = "".join(f'<li><a href="#afsnit-{i}">Afsnit {i}: Økonomi på tværs</a></li>' for i in (1, 2, 3))
    body = "".join(f'<h2 id="afsnit-{i}" class="page-break">Afsnit {i}: Økonomi på tværs</h2><p>Tekst {i}.</p>'
                   for i in (1, 2, 3))
    return (f'<html lang="da"><body><h1 class="running-title">Prøvedokument</h1>'
            f'<ol class="toc">{toc}</ol>{body}</body></html>')


def test_a_pdf_is_a4_with_danish_text_and_page_numbers_in_the_footer():
    pdf = html_to_pdf(three_sections())
    assert pdf.startswith(b"%PDF-")
    info = pdf_info(pdf)
    assert info["Pages"].strip() == "4"
    assert info["Page size"].strip().startswith("595.276 x 841.89")  # A4 in points
    text = pdf_text(pdf)
    assert "Afsnit 2: Økonomi på tværs" in text
    for page in (1, 2, 3, 4):
        assert f"Side {page} af 4" in text


def test_the_table_of_contents_gives_each_sections_page_number():
    text = pdf_text(html_to_pdf(three_sections()), "-layout", "-f", "1", "-l", "1")
    lines = [line for line in text.splitlines() if line.startswith("Afsnit")]
    assert [line.split()[-1] for line in lines] == ["2", "3", "4"]
    assert all("....." in line for line in lines)


def test_the_running_title_is_printed_in_the_footer_of_every_page():
    text = pdf_text(html_to_pdf(three_sections()))
    assert text.count("Prøvedokument") == 1 + 4


def test_the_pdf_uses_ibm_plex_sans_from_dkfds():
    assert "IBMPlexSans-Regular.ttf" in font_face_css()
    fonts = subprocess.run(["pdffonts", "-"], input=html_to_pdf("<p>Æble og øl på å</p>"),
                           capture_output=True, check=True).stdout.decode()
    assert "IBM-Plex-Sans" in fonts


def test_a_report_never_fetches_from_the_network(caplog):
    pdf = html_to_pdf('<p>Før</p><img src="http://127.0.0.1:9/billede.png"><p>Efter</p>')
    assert "Før" in pdf_text(pdf) and "Efter" in pdf_text(pdf)
    assert "disallowed protocol" in caplog.text


@pytest.mark.django_db
def test_render_pdf_renders_a_django_template(tmp_path, settings):
    (tmp_path / "rapport.html").write_text("<h1>{{ title }}</h1><p>{{ text }}</p>", encoding="utf-8")
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [str(tmp_path)]}]
    text = pdf_text(render_pdf("rapport.html", {"title": "Referat", "text": "<b>ikke fed</b>"}))
    assert "Referat" in text and "<b>ikke fed</b>" in text  # escaped, as in any template
