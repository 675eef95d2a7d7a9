"""HTML to PDF for everything Linkpad prints: one place, one library (WeasyPrint, see ADR 0007).

Templates extend `core/print/base.jinja`, an A4 document with its own print stylesheet. WeasyPrint
may only read our own static files: any other URL in a document (a listing's website, a tracking
pixel pasted into a description) is refused, so rendering a PDF never reaches the network.
"""

from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.urls import URLFetcher

# Documents are rendered as if served from this (unreachable) origin; only its static files resolve.
BASE_URL = "https://linkpad.invalid/"


class RefusedResource(ValueError):
    """A document asked for something outside Linkpad's own static files."""


class StaticOnlyFetcher(URLFetcher):
    """Serve Linkpad's static files from disk; refuse every other URL.

    >>> StaticOnlyFetcher().fetch("https://example.org/pixel.gif")
    Traceback (most recent call last):
    ...
    linkpad.core.pdf.RefusedResource: PDFs may only use Linkpad's own files, not https://example.org/pixel.gif
    """

    def fetch(self, url, headers=None):
        prefix = BASE_URL.rstrip("/") + settings.STATIC_URL
        if url.startswith(prefix):
            found = finders.find(url.removeprefix(prefix).split("?")[0])
            if found:
                return super().fetch(Path(found).as_uri(), headers)
        if url.startswith("data:"):
            return super().fetch(url, headers)
        raise RefusedResource(f"PDFs may only use Linkpad's own files, not {url}")


def html_to_pdf(html: str) -> bytes:
    """Render a whole HTML document to PDF bytes.

    >>> html_to_pdf("<p>Hello</p>")[:5]
    b'%PDF-'
    """
    return HTML(string=html, base_url=BASE_URL, url_fetcher=StaticOnlyFetcher()).write_pdf()


def render_pdf(template_name: str, context: dict | None = None, *, request=None) -> bytes:
    """Render a Jinja template (normally extending core/print/base.jinja) to PDF bytes."""
    return html_to_pdf(render_to_string(template_name, context or {}, request=request))
