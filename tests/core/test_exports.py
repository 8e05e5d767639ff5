from core.exports import csv_response, safe_cell


def test_cells_a_spreadsheet_would_run_as_formulas_are_defused():
    assert safe_cell("=SUM(A1)") == "'=SUM(A1)"
    assert safe_cell("@cmd") == "'@cmd"
    assert safe_cell(12) == 12
    assert safe_cell(None) == ""


def test_a_chinese_file_name_is_encoded_for_the_browser():
    response = csv_response("名单.csv", ["a"], [[1]])
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment; ")
    assert "filename*=utf-8''%E5%90%8D%E5%8D%95.csv" in disposition
