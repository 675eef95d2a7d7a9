"""Guides and link plans as documents: the A4 PDF (WeasyPrint, through core.pdf) and the same as HTML."""

from django.template.loader import render_to_string

from linkpad.core.pdf import render_pdf

from . import concerns
from .audiences import DEFAULT_AUDIENCE
from .selectors import Guide, LinkPlan

GUIDE_TEMPLATE = "guides/print/guide.jinja"
LINK_PLAN_TEMPLATE = "guides/print/link_plan.jinja"


def _guide_context(guide: Guide) -> dict:
    return {"guide": guide, "wording": concerns}


def guide_pdf(guide: Guide) -> bytes:
    return render_pdf(GUIDE_TEMPLATE, _guide_context(guide))


def guide_html(guide: Guide) -> str:
    """The printable guide as one standalone HTML document (what the PDF is made from)."""
    return render_to_string(GUIDE_TEMPLATE, _guide_context(guide))


def link_plan_pdf(plan: LinkPlan) -> bytes:
    return render_pdf(LINK_PLAN_TEMPLATE, {"plan": plan})


def guide_filename(guide: Guide, extension: str) -> str:
    place = guide.postcode.replace(" ", "").lower()
    size = "-large-print" if guide.large_print else ""
    who = "" if guide.audience.slug == DEFAULT_AUDIENCE else f"-{guide.audience.slug}"
    return f"guide-{guide.concern.slug}-{place}{who}{size}.{extension}"
