"""A small Word (.docx) builder over python-docx, the same way for every document in Styr.

    doc = WordDocument("REFERAT Direktionen d. 29-08-2022", subtitle="Mandag d. 29. august 2022 kl. 08:30")
    doc.toc()
    doc.heading("Punkt 1: Budgetopfølgning", 1)
    doc.paragraph("Økonomichefen indstiller, at …")
    doc.table(["Område", "Forventet (1.000 kr.)"], rows, numeric_columns=(1,), total_row=["I alt", "1.406"])
    data = doc.to_bytes()

What a reader of a municipal document expects from Word: real heading styles (Overskrift 1/2, so the
navigation pane and the table of contents work), a table of contents field that Word fills in,
"Side X af Y" in the footer from PAGE/NUMPAGES fields, table header rows repeated on every page,
numbers right-aligned, and Danish as the proofing language. Cells and paragraphs take text; the
caller formats numbers with ``documents.numbers`` first.
"""

from collections.abc import Iterable, Sequence
from io import BytesIO

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

LANGUAGE = "da-DK"
FONT = "IBM Plex Sans"  # DKFDS's typeface; Word falls back to its own sans-serif where it is missing
TOC_INSTRUCTION = 'TOC \\o "1-2" \\h \\z \\u'
TOC_PLACEHOLDER = ("Indholdsfortegnelsen opdateres, når dokumentet åbnes i Word "
                   "(ellers: højreklik her og vælg «Opdater felt»).")


def _field(paragraph, instruction: str, placeholder: str = "") -> None:
    """A complex field (begin – instruction – separate – cached result – end) in ``paragraph``."""
    def fld_char(kind: str):
        run = OxmlElement("w:r")
        char = OxmlElement("w:fldChar")
        char.set(qn("w:fldCharType"), kind)
        if kind == "begin":
            char.set(qn("w:dirty"), "true")  # ask Word to compute the field when it opens the file
        run.append(char)
        return run

    p = paragraph._p
    p.append(fld_char("begin"))
    instr_run = OxmlElement("w:r")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    instr_run.append(instr)
    p.append(instr_run)
    p.append(fld_char("separate"))
    paragraph.add_run(placeholder)
    p.append(fld_char("end"))


def _set_language(rpr_parent) -> None:
    rpr = rpr_parent.get_or_add_rPr()
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    for attribute in ("w:val", "w:eastAsia", "w:bidi"):
        lang.set(qn(attribute), LANGUAGE)


class WordDocument:
    def __init__(self, title: str, subtitle: str = ""):
        self.document = Document()
        self._setup_styles()
        self._setup_page()
        self.document.core_properties.title = title
        self.document.core_properties.language = LANGUAGE
        self.document.add_paragraph(title, style="Title")
        if subtitle:
            self.document.add_paragraph(subtitle, style="Subtitle")

    def _setup_styles(self) -> None:
        styles = self.document.styles
        normal = styles["Normal"]
        normal.font.name = FONT
        normal.font.size = Pt(10.5)
        # The document default carries the language, so every style and run inherits Danish.
        defaults = styles.element.find(qn("w:docDefaults"))
        rpr_default = defaults.find(qn("w:rPrDefault")) if defaults is not None else None
        if rpr_default is not None:
            rpr = rpr_default.find(qn("w:rPr"))
            if rpr is None:
                rpr = OxmlElement("w:rPr")
                rpr_default.append(rpr)
            for old in rpr.findall(qn("w:lang")):
                rpr.remove(old)
            lang = OxmlElement("w:lang")
            for attribute in ("w:val", "w:eastAsia", "w:bidi"):
                lang.set(qn(attribute), LANGUAGE)
            rpr.append(lang)
        for name in ("Normal", "Title", "Subtitle", "Heading 1", "Heading 2", "Heading 3", "Caption"):
            _set_language(styles[name].element)
        for name in ("Title", "Subtitle", "Heading 1", "Heading 2", "Heading 3"):
            styles[name].font.name = FONT

    def _setup_page(self) -> None:
        section = self.document.sections[0]
        section.page_height, section.page_width = Cm(29.7), Cm(21.0)  # A4
        section.left_margin = section.right_margin = Cm(2.2)
        section.top_margin, section.bottom_margin = Cm(2.2), Cm(2.4)
        footer = section.footer.paragraphs[0]
        footer.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        footer.add_run("Side ")
        _field(footer, "PAGE", "1")
        footer.add_run(" af ")
        _field(footer, "NUMPAGES", "1")
        # Fields are computed when Word opens the document (the table of contents too).
        settings = self.document.settings.element
        update = OxmlElement("w:updateFields")
        update.set(qn("w:val"), "true")
        settings.append(update)

    def heading(self, text: str, level: int = 1) -> "WordDocument":
        if not 1 <= level <= 3:
            raise ValueError("overskriftsniveau skal være 1, 2 eller 3")
        self.document.add_heading(text, level)
        return self

    def paragraph(self, text: str, bold: bool = False) -> "WordDocument":
        paragraph = self.document.add_paragraph()
        paragraph.add_run(text).bold = bold
        return self

    def bullets(self, items: Iterable[str]) -> "WordDocument":
        for item in items:
            self.document.add_paragraph(item, style="List Bullet")
        return self

    def numbered(self, items: Iterable[str]) -> "WordDocument":
        """A numbered list that starts at 1 (Word's "List Number" style alone would continue the
        previous list's numbering)."""
        num_id = self._restarted_numbering("List Number")
        for item in items:
            paragraph = self.document.add_paragraph(item, style="List Number")
            num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
            num_pr.get_or_add_ilvl().val = 0
            num_pr.get_or_add_numId().val = num_id
        return self

    def _restarted_numbering(self, style_name: str) -> int:
        numbering = self.document.part.numbering_part.element
        style_num_id = self.document.styles[style_name].element.pPr.numPr.numId.val
        abstract_id = numbering.num_having_numId(style_num_id).abstractNumId.val
        num = numbering.add_num(abstract_id)
        override = num.add_lvlOverride(ilvl=0)
        override.add_startOverride(1)
        return num.numId

    def table(self, header: Sequence[str], rows: Iterable[Sequence[str]], numeric_columns: Iterable[int] = (),
              total_row: Sequence[str] | None = None, caption: str = "") -> "WordDocument":
        """A table with a header row that repeats on every page; ``numeric_columns`` (0-based) are
        right-aligned, and ``total_row`` is set in bold under the rows."""
        numeric = set(numeric_columns)
        if caption:
            self.document.add_paragraph(caption, style="Caption")
        table = self.document.add_table(rows=1, cols=len(header))
        table.style = self.document.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        header_row = table.rows[0]
        tr_pr = header_row._tr.get_or_add_trPr()
        repeat = OxmlElement("w:tblHeader")
        repeat.set(qn("w:val"), "true")
        tr_pr.append(repeat)
        self._fill_row(header_row, header, numeric, bold=True)
        for values in rows:
            self._fill_row(table.add_row(), values, numeric)
        if total_row is not None:
            self._fill_row(table.add_row(), total_row, numeric, bold=True)
        self.document.add_paragraph()
        return self

    @staticmethod
    def _fill_row(row, values: Sequence[str], numeric: set[int], bold: bool = False) -> None:
        if len(values) != len(row.cells):
            raise ValueError(f"rækken har {len(values)} felter, tabellen {len(row.cells)} kolonner")
        for index, (cell, value) in enumerate(zip(row.cells, values, strict=True)):
            paragraph = cell.paragraphs[0]
            paragraph.add_run("" if value is None else str(value)).bold = bold
            if index in numeric:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT

    def image(self, png_bytes: bytes, width_cm: float = 16, caption: str = "") -> "WordDocument":
        self.document.add_picture(BytesIO(png_bytes), width=Cm(width_cm))
        if caption:
            self.document.add_paragraph(caption, style="Caption")
        return self

    def page_break(self) -> "WordDocument":
        self.document.add_page_break()
        return self

    def toc(self, heading: str = "Indholdsfortegnelse") -> "WordDocument":
        """A real table-of-contents field over heading levels 1–2, which Word fills in on opening."""
        self.document.add_paragraph(heading, style="TOC Heading")
        _field(self.document.add_paragraph(), TOC_INSTRUCTION, TOC_PLACEHOLDER)
        return self

    def to_bytes(self) -> bytes:
        buffer = BytesIO()
        self.document.save(buffer)
        return buffer.getvalue()
