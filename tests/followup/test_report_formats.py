"""The reports as files: Word with real headings and tables, PDF with the sentences and page numbers,
Excel with numbers as numbers, and (where LibreOffice is installed) files an office suite opens."""

import io
import re
import shutil
import subprocess
from decimal import Decimal as D

import pytest
from docx import Document
from openpyxl import load_workbook
from pypdf import PdfReader

from styr.followup import report, report_render
from tests.followup.report_factories import build_reference_round


@pytest.fixture
def rep(cast):
    reference = build_reference_round(cast)
    return report.round_report(reference.round, reference.oeu)


def pdf_text(data: bytes) -> str:
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    return re.sub(r"\s+", " ", text)


def test_the_agenda_item_in_word_has_real_headings_and_the_sentences(rep):
    rendered = report_render.render_round("agenda", rep, "docx")
    assert rendered.filename == "budgetopfoelgning-2022-07-oekonomiudvalget.docx"
    doc = Document(io.BytesIO(rendered.data))
    headings = [(p.style.name, p.text) for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert ("Heading 1", "Resume") in headings and ("Heading 1", "Økonomiske konsekvenser") in headings
    assert ("Heading 2", "Jobcentret administration") in headings
    assert doc.paragraphs[0].text == "Budgetopfølgning pr. 31. juli 2022 - Økonomiudvalgets eget område"
    body = [p.text for p in doc.paragraphs]
    assert "Anlæg 2022: 74,4 mio. kr. i forventet mindreforbrug" in body
    footer = doc.sections[0].footer.paragraphs[0]._p.xml
    assert "PAGE" in footer and "NUMPAGES" in footer


def test_the_monthly_report_in_word_has_a_table_per_committee_with_its_total(rep):
    doc = Document(io.BytesIO(report_render.render_round("monthly", rep, "docx").data))
    tables = [[[cell.text for cell in row.cells] for row in table.rows] for table in doc.tables]
    operations = next(t for t in tables if t[0][0] == "Bevillingsområde")
    assert operations[0][5] == "Afvigelse (mio. kr.; + = mindreforbrug)"
    assert ["Jobcentret administration", "30,0", "30,0", "17,5", "31,0", "-1,0", "-1,6"] in operations
    assert operations[-1][0] == "I alt" and operations[-1][5] == "46,1"
    assert any(p.style.name == "Heading 1" and p.text == "Økonomiudvalget" for p in doc.paragraphs)
    assert len(doc.inline_shapes) >= 1  # the bar chart (and the month-by-month chart)
    assert doc.inline_shapes[0]._inline.docPr.get("descr").startswith("Søjlediagram: Forventet afvigelse")


def test_the_pdf_holds_the_sentences_and_numbered_pages(rep):
    rendered = report_render.render_round("agenda", rep, "pdf")
    assert rendered.data.startswith(b"%PDF")
    text = pdf_text(rendered.data)
    assert "Jobcentret administration forventer et merforbrug på -1,0 mio. kr." in text
    assert "Der forventes et mindreforbrug på serviceudgifter på 38,6 mio. kr." in text
    assert "Side 1 af" in text


def test_the_monthly_report_pdf_has_a_contents_list_and_the_tables(rep):
    text = pdf_text(report_render.render_round("monthly", rep, "pdf").data)
    assert "Månedsrapport pr. 31. juli 2022 - Økonomiudvalget" in text
    assert "Indhold" in text and "Puljer" in text and "Side 2 af" in text
    assert "Jobcentret administration 30,0 30,0 17,5 31,0 -1,0 -1,6" in text


def test_excel_has_a_summary_and_a_sheet_per_committee_with_numbers_as_numbers(rep):
    rendered = report_render.render_round("monthly", rep, "xlsx")
    book = load_workbook(io.BytesIO(rendered.data))
    assert book.sheetnames == ["Oversigt", "Økonomiudvalget", "Puljer"]
    sheet = book["Økonomiudvalget"]
    header = [c.value for c in sheet[4]]
    assert header[:2] == ["Bevillingsområde", "Oprindeligt budget (kr.)"]
    rows = {row[0].value: row for row in sheet.iter_rows(min_row=5) if row[0].value}
    job = rows["Jobcentret administration"]
    assert D(str(job[5].value)) == D("-1020000") and job[5].number_format == "#,##0"
    assert D(str(rows["I alt, drift"][5].value)) == D("46080000")
    assert rows["I alt, drift"][5].font.bold
    summary = book["Oversigt"]
    assert summary["A1"].value == "Månedsrapport pr. 31. juli 2022 - Økonomiudvalget"


def test_the_agenda_workbook_starts_with_the_text_of_the_item(rep):
    book = load_workbook(io.BytesIO(report_render.render_round("agenda", rep, "xlsx").data))
    assert book.sheetnames[0] == "Dagsordenspunkt"
    texts = [row[0].value for row in book["Dagsordenspunkt"].iter_rows(min_row=5)]
    assert "Drift 2022: 46,1 mio. kr. i forventet mindreforbrug" in texts


def test_the_html_document_stands_alone(rep):
    html = report_render.render_round("agenda", rep, "html").data.decode()
    assert html.startswith("<!DOCTYPE html>") and '<html lang="da">' in html
    assert "Direktøren indstiller, at orienteringen tages til efterretning." in html


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice er ikke installeret")
def test_libreoffice_converts_the_word_and_excel_files_to_pdf(rep, tmp_path):
    for kind, fmt in (("agenda", "docx"), ("monthly", "docx"), ("monthly", "xlsx")):
        rendered = report_render.render_round(kind, rep, fmt)
        source = tmp_path / rendered.filename
        source.write_bytes(rendered.data)
        subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
                       check=True, capture_output=True, timeout=120)
        converted = source.with_suffix(".pdf")
        assert converted.exists() and converted.read_bytes().startswith(b"%PDF")
