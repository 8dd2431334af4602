"""The shared Word builder: real headings, tables, a TOC field and "Side X af Y" in the footer."""

import struct
import zlib
from io import BytesIO

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH

from styr.documents.word import WordDocument


def reopen(doc: WordDocument) -> docx.document.Document:
    return docx.Document(BytesIO(doc.to_bytes()))


def tiny_png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00" + b"\xff\x00\x00" * 2 + b"\x00" + b"\x00\x00\xff" * 2)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


def test_the_document_opens_with_title_headings_and_paragraphs():
    doc = WordDocument("REFERAT Direktionen d. 29-08-2022", subtitle="Mandag d. 29. august 2022 kl. 08:30")
    doc.heading("Punkt 1: Budgetopfølgning", 1).heading("Indstillinger", 2).paragraph("Godkendt.", bold=True)
    opened = reopen(doc)
    styled = [(p.style.name, p.text) for p in opened.paragraphs]
    assert ("Title", "REFERAT Direktionen d. 29-08-2022") in styled
    assert ("Subtitle", "Mandag d. 29. august 2022 kl. 08:30") in styled
    assert ("Heading 1", "Punkt 1: Budgetopfølgning") in styled
    assert ("Heading 2", "Indstillinger") in styled
    assert opened.paragraphs[-1].runs[0].bold
    assert opened.core_properties.title == "REFERAT Direktionen d. 29-08-2022"


def test_a_table_right_aligns_numbers_repeats_its_header_and_ends_with_a_bold_total():
    doc = WordDocument("Tabel")
    doc.table(["Område", "Forventet (1.000 kr.)"], [["Skoler", "1.406"], ["Plejecentre", "-2.094"]],
              numeric_columns=(1,), total_row=["I alt", "-688"], caption="Tabel 1. Forventet regnskab")
    opened = reopen(doc)
    table = opened.tables[0]
    assert [[c.text for c in row.cells] for row in table.rows] == [
        ["Område", "Forventet (1.000 kr.)"], ["Skoler", "1.406"], ["Plejecentre", "-2.094"], ["I alt", "-688"]]
    assert table.rows[0]._tr.trPr.xml.count("tblHeader") == 1
    assert table.rows[1].cells[1].paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert table.rows[1].cells[0].paragraphs[0].alignment is None
    assert table.rows[3].cells[0].paragraphs[0].runs[0].bold
    assert any(p.style.name == "Caption" and p.text.startswith("Tabel 1.") for p in opened.paragraphs)


def test_a_row_of_the_wrong_width_is_refused():
    with pytest.raises(ValueError, match="3 felter"):
        WordDocument("x").table(["a", "b"], [["1", "2", "3"]])


def test_the_footer_says_side_x_af_y_with_page_fields():
    footer = reopen(WordDocument("x")).sections[0].footer.paragraphs[0]
    xml = footer._p.xml
    assert " PAGE " in xml and " NUMPAGES " in xml
    assert footer.text.startswith("Side ") and " af " in footer.text


def test_the_table_of_contents_is_a_field_word_updates_with_instructions_for_the_reader():
    opened = reopen(WordDocument("x").toc().heading("Punkt 1", 1))
    body = opened.element.body.xml
    assert 'TOC \\o "1-2"' in body
    assert "Opdater felt" in body
    assert 'w:updateFields w:val="true"' in opened.settings.element.xml


def test_numbered_lists_start_at_one_each_time_and_bullets_use_the_list_style():
    doc = WordDocument("x").numbered(["At A", "At B"]).paragraph("mellem").numbered(["At C"]).bullets(["punkt"])
    opened = reopen(doc)
    numbered = [p for p in opened.paragraphs if p.style.name == "List Number"]
    ids = [p._p.pPr.numPr.numId.val for p in numbered]
    assert ids[0] == ids[1] != ids[2]
    assert [p.style.name for p in opened.paragraphs if p.text == "punkt"] == ["List Bullet"]


def test_images_page_breaks_and_danish_proofing_language():
    opened = reopen(WordDocument("x").image(tiny_png(), width_cm=4, caption="Figur 1").page_break())
    assert len(opened.inline_shapes) == 1
    assert 'w:br w:type="page"' in opened.element.body.xml
    assert 'w:val="da-DK"' in opened.styles.element.xml
