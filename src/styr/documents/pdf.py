"""HTML to PDF with WeasyPrint, the same page for every report in Styr.

A4, margins, IBM Plex Sans (DKFDS's typeface, read from node_modules) with DejaVu Sans as the
fallback, and a running footer "Side X af Y" from CSS page counters. A template may set the left
footer by giving an element ``class="running-title"`` (its text is copied with ``string-set``).

A table of contents with page numbers is plain HTML::

    <ol class="toc"><li><a href="#punkt-1">Punkt 1: …</a></li></ol>   …   <h2 id="punkt-1">…</h2>

and the stylesheet adds the dotted leader and the target's page number (``target-counter``).
The base stylesheet is a user stylesheet, so a template's own ``<style>`` wins where they differ.
"""

import atexit
from functools import cache
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string

FONT_DIR_PARTS = ("dkfds", "dist", "fonts", "IBMPlexSans", "complete", "ttf")
# (file, weight, style): the faces a report uses. Missing files are skipped (DejaVu takes over).
FONT_FACES = (
    ("IBMPlexSans-Regular.ttf", 400, "normal"),
    ("IBMPlexSans-Italic.ttf", 400, "italic"),
    ("IBMPlexSans-SemiBold.ttf", 600, "normal"),
    ("IBMPlexSans-Bold.ttf", 700, "normal"),
    ("IBMPlexSans-BoldItalic.ttf", 700, "italic"),
)

PAGE_CSS = """
@page {
  size: A4;
  margin: 22mm 20mm 24mm 22mm;
  @bottom-left { content: string(running-title); font-size: 8pt; color: #555; }
  @bottom-right { content: "Side " counter(page) " af " counter(pages); font-size: 8pt; color: #555; }
}
html { font-family: "IBM Plex Sans", "DejaVu Sans", sans-serif; font-size: 10pt; line-height: 1.4;
       color: #1a1a1a; }
body { margin: 0; }
.running-title { string-set: running-title content(); }
h1 { font-size: 18pt; font-weight: 700; margin: 0 0 8mm; }
h2 { font-size: 13pt; font-weight: 700; margin: 8mm 0 3mm; break-after: avoid; }
h3 { font-size: 11pt; font-weight: 600; margin: 5mm 0 2mm; break-after: avoid; }
h4 { font-size: 10pt; font-weight: 600; margin: 4mm 0 1mm; break-after: avoid; }
p { margin: 0 0 2.5mm; orphans: 2; widows: 2; }
ul, ol { margin: 0 0 3mm; padding-left: 6mm; }
table { border-collapse: collapse; width: 100%; margin: 0 0 4mm; font-size: 9pt; }
thead { display: table-header-group; }
th, td { border-bottom: 0.5pt solid #bbb; padding: 1mm 1.5mm; text-align: left; vertical-align: top; }
th { font-weight: 600; }
thead th { border-bottom: 1pt solid #333; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
tr { break-inside: avoid; }
caption { caption-side: top; text-align: left; font-weight: 600; margin-bottom: 1mm; }
dl.facts { display: grid; grid-template-columns: 32mm auto; gap: 1mm 4mm; margin: 0 0 6mm; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; }
.page-break { break-before: page; }
ol.toc, ul.toc { list-style: none; padding: 0; margin: 0 0 6mm; }
ol.toc li { margin: 0 0 1.5mm; }
ol.toc a { color: inherit; text-decoration: none; }
ol.toc a::after { content: leader(".") " " target-counter(attr(href), page); }
a { color: inherit; }
"""


def font_dir() -> Path:
    return Path(settings.NODE_MODULES).joinpath(*FONT_DIR_PARTS)


def font_face_css() -> str:
    """@font-face rules for the IBM Plex Sans files that exist, as file:// URLs."""
    rules = []
    for filename, weight, style in FONT_FACES:
        path = font_dir() / filename
        if path.exists():
            rules.append(f'@font-face {{ font-family: "IBM Plex Sans"; src: url("{path.as_uri()}"); '
                         f"font-weight: {weight}; font-style: {style}; }}")
    return "\n".join(rules)


@cache
def _stylesheet():
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration

    font_config = FontConfiguration()
    return CSS(string=font_face_css() + PAGE_CSS, font_config=font_config), font_config


# Let the font configuration go while Python still runs (its finaliser needs the interpreter).
atexit.register(_stylesheet.cache_clear)


def local_only_fetcher():
    """A fetcher for ``file:`` and ``data:`` URLs only: a report never reaches out to the network,
    so text that somehow carried an ``<img src="http://…">`` cannot make the server call another host."""
    from weasyprint.urls import URLFetcher

    return URLFetcher(allowed_protocols=("file", "data"))


def html_to_pdf(html: str, *, base_url: str | None = None) -> bytes:
    """A PDF of ``html`` on A4 with Styr's page, fonts and "Side X af Y" footer.

    ``base_url`` resolves relative links and images (default: the checkout, so that
    ``node_modules/…`` paths work). Only local files and data: URLs are read (``local_only_fetcher``).
    """
    from weasyprint import HTML

    stylesheet, font_config = _stylesheet()
    document = HTML(string=html, base_url=base_url or Path(settings.PROJECT_DIR).as_uri() + "/",
                    url_fetcher=local_only_fetcher())
    return document.write_pdf(stylesheets=[stylesheet], font_config=font_config)


def render_pdf(template_name: str, context: dict) -> bytes:
    """Render a Django template (a whole HTML document) and make it a PDF."""
    return html_to_pdf(render_to_string(template_name, context))
