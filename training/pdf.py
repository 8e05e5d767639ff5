"""Certificates as tagged PDF (PDF/UA-1) rendered by WeasyPrint.

Chinese needs a CJK font (Debian's fonts-noto-cjk). Without one, WeasyPrint
quietly draws empty boxes; we refuse to hand out such a file."""

from django.template.loader import render_to_string
from weasyprint import HTML, URLFetcher

from training.models import Certificate
from training.selectors.certificates import code_display

PDF_VARIANT = "pdf/ua-1"
FONT_HELP = (
    "Install a CJK font: `apt-get install fonts-noto-cjk` on Debian "
    "(`make test` does this when run as root)."
)


class CertificateFontMissing(RuntimeError):
    """A character of the certificate has no glyph in any installed font."""


def certificate_pdf_render(*, certificate: Certificate, verify_url: str) -> bytes:
    html = render_to_string(
        "training/certificate_pdf.html",
        {
            "certificate": certificate,
            "code": code_display(certificate.code),
            "verify_url": verify_url,
        },
    )
    # Everything is inline: nothing to fetch, so fetch nothing from anywhere.
    fetcher = URLFetcher(allowed_protocols={"data"})
    document = HTML(string=html, url_fetcher=fetcher).render()
    pdf = document.write_pdf(pdf_variant=PDF_VARIANT)
    missing = {
        chr(codepoint) for font in document.fonts.values() for codepoint in font.missing
    }
    if missing:
        raise CertificateFontMissing(
            f"No font has a glyph for {''.join(sorted(missing))!r}: the "
            f"certificate would show empty boxes. {FONT_HELP}"
        )
    return pdf
