"""XLSX (through openpyxl) and CSV files of one table: headers in the first row, then data.

XLSX gets what a committee member expects of a spreadsheet: a frozen, bold header row, readable
column widths, wrapped multi-line cells and a dropdown for each controlled single value (its
list lives on a hidden sheet, so long lists work too). Both writers go through the atomic
writer, so an interrupted export never leaves half a file.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sgam_onto.errors import LoadError
from sgam_onto.io.atomic import atomic_write
from sgam_onto.tables import csv_table

FORMATS = (".xlsx", ".csv")
LISTS_SHEET = "lists"
# Fixed document dates, so that the same table always gives the same file.
_EPOCH = datetime(2020, 1, 1)


@dataclass(frozen=True)
class Sheet:
    """A table as read from a file: its name, headers and numbered rows."""

    name: str
    headers: list[str]
    rows: list[tuple[int, list[str | None]]]


def file_format(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise LoadError(path, message=f"a sheet is .xlsx or .csv, not {suffix or 'no suffix'}")
    return suffix


def write_table(
    path: Path, name: str, headers: Sequence[str], rows: Sequence[Sequence[str]],
    dropdowns: Mapping[str, Sequence[str]] | None = None,
) -> None:
    """Write the table to ``path`` (.xlsx or .csv) in one step."""
    if file_format(path) == ".csv":
        atomic_write(path, csv_table(headers, rows).encode("utf-8"))
        return
    atomic_write(path, _workbook_bytes(name, headers, rows, dropdowns or {}))


def _workbook_bytes(
    name: str, headers: Sequence[str], rows: Sequence[Sequence[str]],
    dropdowns: Mapping[str, Sequence[str]],
) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    book.properties.created = book.properties.modified = _EPOCH
    sheet = book.active
    sheet.title = name
    sheet.append(list(headers))
    for row in rows:
        sheet.append(list(row))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "B2"
    wrap = Alignment(wrap_text=True, vertical="top")
    for position, header in enumerate(headers, start=1):
        letter = get_column_letter(position)
        longest = max([len(header)] + [min(len(line), 60) for row in rows
                                       for line in (row[position - 1] or "").splitlines()])
        sheet.column_dimensions[letter].width = longest + 2
        for (cell,) in sheet.iter_rows(min_row=2, min_col=position, max_col=position):
            cell.alignment = wrap
    if dropdowns:
        lists = book.create_sheet(LISTS_SHEET)
        lists.sheet_state = "hidden"
        for list_column, (header, values) in enumerate(sorted(dropdowns.items()), start=1):
            list_letter = get_column_letter(list_column)
            lists.cell(row=1, column=list_column, value=header)
            for offset, value in enumerate(values, start=2):
                lists.cell(row=offset, column=list_column, value=value)
            last = len(values) + 1
            check = DataValidation(
                type="list", formula1=f"{LISTS_SHEET}!${list_letter}$2:${list_letter}${last}",
                allow_blank=True, showErrorMessage=True,
                errorTitle=header, error=f"Choose a value of the list for '{header}'.",
            )
            target = get_column_letter(list(headers).index(header) + 1)
            check.add(f"{target}2:{target}{max(len(rows) + 1, 1000)}")
            sheet.add_data_validation(check)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def read_table(path: Path, sheet_name: str | None = None) -> Sheet:
    """The first table of ``path`` (or the sheet named ``sheet_name`` of a workbook)."""
    try:
        if file_format(path) == ".csv":
            return _read_csv(path)
        return _read_xlsx(path, sheet_name)
    except OSError as err:
        raise LoadError(path, message=f"cannot be read: {err.strerror or err}") from None


def _read_csv(path: Path) -> Sheet:
    text = path.read_bytes().decode("utf-8-sig", errors="strict")
    records = list(csv.reader(io.StringIO(text, newline="")))
    if not records:
        raise LoadError(path, 1, message="the file is empty: the first row must hold the headers")
    rows = [(number, list(record)) for number, record in enumerate(records[1:], start=2)]
    return Sheet(path.stem, [h.strip() for h in records[0]], rows)


def _read_xlsx(path: Path, sheet_name: str | None) -> Sheet:
    from zipfile import BadZipFile

    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (BadZipFile, KeyError, ValueError) as err:
        raise LoadError(path, message=f"is not a readable XLSX workbook ({err})") from None
    names = [n for n in book.sheetnames if n != LISTS_SHEET]
    name = sheet_name or (names[0] if names else None)
    if name not in book.sheetnames:
        raise LoadError(path, message=f"has no sheet named {name!r} (sheets: {', '.join(names)})")
    cells = [[_text(v) for v in row] for row in book[name].iter_rows(values_only=True)]
    book.close()
    if not cells:
        raise LoadError(f"{path}:{name}", 1, message="the sheet is empty: row 1 holds the headers")
    headers = [(h or "").strip() for h in cells[0]]
    while headers and not headers[-1]:
        headers.pop()
    rows = [(number, row[: len(headers)]) for number, row in enumerate(cells[1:], start=2)]
    return Sheet(name, headers, rows)


def _text(value: object) -> str | None:
    """A cell as text: numbers a spreadsheet typed as numbers come back as written."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
