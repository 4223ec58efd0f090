"""The QR code of an authenticator's setup address, as inline SVG markup."""

import qrcode
import qrcode.image.svg
from django.utils.safestring import mark_safe


def svg(data: str) -> str:
    image = qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    markup = image.to_string(encoding="unicode")
    # Generated here from our own data: nothing a visitor controls is interpreted as markup.
    return mark_safe(markup)
