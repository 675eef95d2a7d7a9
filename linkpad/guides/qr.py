"""QR codes printed on guides, as SVG data URIs that both the web page and WeasyPrint show."""

import base64

import qrcode
import qrcode.image.svg


def qr_data_uri(url: str) -> str:
    """An SVG QR code of `url` as a data URI.

    >>> qr_data_uri("https://linkpad.example/guides/").startswith("data:image/svg+xml;base64,")
    True
    """
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=10, border=2)
    return "data:image/svg+xml;base64," + base64.b64encode(image.to_string()).decode("ascii")
