"""Roster import reads spreadsheets within limits: declared size, rows,
columns and unpacked bytes are checked before rows are built."""

import io
import re
import zipfile

from django.utils import translation
from openpyxl import Workbook

from training.services import roster_import
from training.services.roster_import import RosterFileError, parse, read_rows


def _xlsx(rows: list[list[str]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _with_dimension(data: bytes, ref: str) -> bytes:
    """The same workbook, its first sheet declaring the range ``ref``."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            content = source.read(entry.filename)
            if entry.filename == "xl/worksheets/sheet1.xml":
                text = content.decode()
                text = re.sub(r'<dimension ref="[^"]*"\s*/>', "", text)
                text = text.replace(
                    "<sheetViews>", f'<dimension ref="{ref}"/><sheetViews>', 1
                )
                assert f'ref="{ref}"' in text
                content = text.encode()
            target.writestr(entry, content)
    return out.getvalue()


ROSTER = [["email", "name"], ["a@example.com", "Wang Fang"]]


def test_a_plain_workbook_is_read():
    assert read_rows(filename="r.xlsx", data=_xlsx(ROSTER)) == ROSTER


def test_a_tiny_file_declaring_the_whole_sheet_is_refused_with_a_clear_message():
    data = _with_dimension(_xlsx(ROSTER), "A1:XFD1048576")
    assert len(data) < 10_000
    # Read in English, whatever language this worker's last test left active.
    with translation.override("en"):
        rows, problems = parse(filename="roster.xlsx", data=data)
    assert rows == []
    [problem] = problems
    assert "1048576 rows and 16384 columns" in problem.message
    assert "Copy only the rows and columns with trainees" in problem.message


def test_a_file_declaring_too_many_columns_is_refused():
    data = _with_dimension(_xlsx(ROSTER), "A1:XFD12000")
    with translation.override("en"):
        _, [problem] = parse(filename="roster.xlsx", data=data)
    assert "16384 columns" in problem.message


def test_a_workbook_that_unpacks_too_large_is_refused_before_opening(monkeypatch):
    monkeypatch.setattr(roster_import, "MAX_UNPACKED_BYTES", 1000)
    _, [problem] = parse(filename="roster.xlsx", data=_xlsx(ROSTER))
    assert problem.message == str(roster_import.WORKBOOK_TOO_LARGE)


def test_reading_stops_at_the_row_limit(monkeypatch):
    monkeypatch.setattr(roster_import, "MAX_ROWS", 3)
    rows = [["email", "name"]] + [[f"t{i}@example.com", "T"] for i in range(10)]
    for filename, data in [
        ("r.xlsx", _xlsx(rows)),
        ("r.csv", "\n".join(",".join(r) for r in rows).encode()),
    ]:
        _, [problem] = parse(filename=filename, data=data)
        assert problem.message == str(roster_import.TOO_MANY_ROWS % {"max": 3}), (
            filename
        )


def test_csv_rows_are_cut_at_the_column_limit():
    data = ("email,name" + "," * 5000 + "\na@example.com,Wang Fang\n").encode()
    cells = read_rows(filename="r.csv", data=data)
    assert len(cells[0]) == roster_import.MAX_COLUMNS


def test_a_broken_zip_is_a_file_error_not_a_crash():
    data = b"PK\x03\x04" + b"\x00" * 200
    try:
        read_rows(filename="r.xlsx", data=data)
    except RosterFileError as error:
        assert str(error.args[0]) == str(roster_import.BAD_WORKBOOK)
    else:
        raise AssertionError("a broken zip was read")
