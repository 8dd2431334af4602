"""An agenda or minutes (``content.document_content``) as PDF and as Word, in the layout of the
municipality's minutes: heading, Mødedato/Mødested/Mødedeltagere, a table of contents with page
numbers, then each item on its own page as "Punkt N: …"."""

from styr.documents.pdf import render_pdf
from styr.documents.word import WordDocument

SECTION_TITLES = (
    ("resume", "Resume og sagens baggrund"),
    ("case_text", "Sagsfremstilling"),
    ("economic_consequences", "Økonomiske konsekvenser"),
)


def filename(content: dict, extension: str) -> str:
    variant = "offentlig" if content["public"] else "intern"
    base = content["heading"].replace(" d. ", " ").replace(" ", "-").lower()
    return f"{base}-{variant}.{extension}"


def pdf(content: dict) -> bytes:
    return render_pdf("meetings/document_pdf.html", {"doc": content})


def _blocks(doc: WordDocument, blocks: list[dict]) -> None:
    for block in blocks:
        if block["type"] == "ul":
            doc.bullets(block["items"])
        else:
            doc.paragraph(block["text"])


def _facts_line(item: dict) -> str:
    facts = [f"Sagsnr.: {item['case_number']}" if item["case_number"] else "",
             f"J.nr.: {item['journal_number']}" if item["journal_number"] else "",
             f"Dokumentnr.: {item['document_number']}" if item["document_number"] else ""]
    return ("Lukket" if item["closed"] else "Åbent") + "   " + "   ".join(f for f in facts if f)


def _recommendations_word(doc: WordDocument, item: dict) -> None:
    if item["recommendation_lead"] or item["recommendation_points"]:
        doc.heading("Indstillinger", 2)
        if item["recommendation_lead"]:
            doc.paragraph(item["recommendation_lead"])
        if item["recommendation_points"]:
            doc.numbered(item["recommendation_points"])


def _decisions_word(doc: WordDocument, item: dict) -> None:
    for decision in item["decisions"]:
        doc.paragraph(decision["heading"], bold=True).paragraph(decision["text"])
    if item["follow_ups"]:
        doc.heading("Opfølgning", 2).bullets(
            " – ".join(p for p in (f["text"], f["owner"] and f"ansvarlig: {f['owner']}",
                                   f["due"] and f"frist: {f['due']}") if p) for f in item["follow_ups"])


def _item_word(doc: WordDocument, item: dict, kind: str) -> None:
    doc.heading(item["heading"], 1)
    if item["restricted"]:
        return
    doc.paragraph(_facts_line(item))
    doc.heading("Sagstype", 2).paragraph(f"{item['kind']}.")
    if kind == "referat":
        doc.heading("Beslutning", 2).paragraph(item["decision"] or "-", bold=True)
    if item["resume"]:
        doc.heading("Resume og sagens baggrund", 2)
        _blocks(doc, item["resume"])
    _recommendations_word(doc, item)
    if item["treatment"]:
        doc.heading("Behandling", 2).paragraph(item["treatment"])
    for key, title in SECTION_TITLES[1:]:
        if item[key]:
            doc.heading(title, 2)
            _blocks(doc, item[key])
    if item["attachments"]:
        doc.heading("Bilag", 2).bullets(f"{a['title']} {a['document_number']}".strip() for a in item["attachments"])
    _decisions_word(doc, item)


def word(content: dict) -> bytes:
    doc = WordDocument(content["heading"])
    doc.paragraph(f"Mødedato: {content['time']}")
    doc.paragraph(f"Mødested: {content['place'] or '-'}")
    if content["participants"]:
        doc.paragraph(f"Mødedeltagere: {', '.join(content['participants'])}")
    if content["version_note"]:
        doc.paragraph(content["version_note"], bold=True)
    if content["public"]:
        doc.paragraph("Offentlig udgave: lukkede punkter vises kun med titel.")
    doc.toc()
    for item in content["items"]:
        doc.page_break()
        _item_word(doc, item, content["kind"])
    return doc.to_bytes()
