"""CSV and Excel downloads: formula-safe cells, UTF-8 with a byte order mark
(so Excel shows Chinese correctly), and an optional block of metadata (what
the file holds, when it was made, from where)."""

import csv
import io
from collections.abc import Sequence

from django.http import HttpResponse
from django.utils.http import content_disposition_header

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def safe_cell(value):
    """Numbers stay numbers; text that a spreadsheet would run as a formula
    gets a leading apostrophe."""
    if value is None:
        return ""
    if isinstance(value, bool | int | float):
        return value
    text = str(value)
    if text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + text
    return text


def _attachment(response: HttpResponse, filename: str) -> HttpResponse:
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


def csv_response(
    filename: str,
    header: Sequence,
    rows: Sequence[Sequence],
    *,
    metadata: Sequence[tuple[str, str]] = (),
) -> HttpResponse:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for key, value in metadata:
        writer.writerow([safe_cell(key), safe_cell(value)])
    if metadata:
        writer.writerow([])
    writer.writerow([safe_cell(h) for h in header])
    writer.writerows([[safe_cell(v) for v in row] for row in rows])
    response = HttpResponse(
        ("\ufeff" + buffer.getvalue()).encode("utf-8"),
        content_type="text/csv; charset=utf-8",
    )
    return _attachment(response, filename)


def xlsx_response(
    filename: str,
    sheet_title: str,
    header: Sequence,
    rows: Sequence[Sequence],
    *,
    metadata: Sequence[tuple[str, str]] = (),
    metadata_title: str = "",
) -> HttpResponse:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=sheet_title[:31])
    sheet.append([safe_cell(h) for h in header])
    for row in rows:
        sheet.append([safe_cell(v) for v in row])
    if metadata:
        about = workbook.create_sheet(title=(metadata_title or "About")[:31])
        for key, value in metadata:
            about.append([safe_cell(key), safe_cell(value)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return _attachment(
        HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE), filename
    )
