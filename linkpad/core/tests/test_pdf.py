"""PDFs render from the print layout, read back, and never fetch anything outside Linkpad."""

import io

import pytest
from pypdf import PdfReader

from linkpad.core.pdf import RefusedResource, StaticOnlyFetcher, html_to_pdf


def text_of(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_print_layout_renders_with_its_stylesheet_and_page_numbers():
    pdf = html_to_pdf(
        '<html><head><link rel="stylesheet" href="/static/linkpad/print.css"></head>'
        "<body><h1>Summary for a test</h1><footer class='print-footer'>Made for a test</footer></body></html>"
    )
    text = text_of(pdf)
    assert "Summary for a test" in text
    assert "Page 1 of 1" in text
    assert "Made for a test" in text


def test_external_resources_are_refused():
    with pytest.raises(RefusedResource):
        StaticOnlyFetcher().fetch("http://127.0.0.1:9/secret")
    # An image pointing elsewhere does not stop the document; it is simply left out.
    pdf = html_to_pdf('<p>Listing</p><img src="http://127.0.0.1:9/pixel.gif" alt="">')
    assert "Listing" in text_of(pdf)


def test_a_record_kept_together_but_taller_than_a_page_still_renders():
    rows = "".join(f"<dt>Field {n}</dt><dd>{'A long answer. ' * 12}</dd>" for n in range(80))
    pdf = html_to_pdf(
        '<html><head><link rel="stylesheet" href="/static/linkpad/print.css"></head><body>'
        f'<dl class="summary keep-together">{rows}</dl></body></html>'
    )
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) > 1
    assert "Field 79" in text_of(pdf)
