"""A chart's data as CSV and Excel (core.exports.write_chart_table): source and licence travel in every row, so
a spreadsheet and pandas read the file with no options; text is guarded against formula injection."""

from __future__ import annotations

import io

import pandas as pd
import pytest
from openpyxl import load_workbook

from lokalagenda.core.exports import ChartTable, UnknownExportFormat, write_chart_table

TABLE = ChartTable(
    columns=("kommune", "name", "value"), rows=[("0301", "Oslo", 12.5), ("4601", "=Bergen", None)],
    source="SSB, table 07459", licence="CC BY 4.0", stem="alle-kommuner-indikator-X-2024",
    labels={"kommune": "Kommunenummer", "name": "Navn", "value": "Verdi", "source": "Kilde", "licence": "Lisens"},
    about={"title": "X in every kommune", "page": "/kommune/0301/indikator/X/"})


def test_csv_reads_with_pandas_defaults_and_carries_source_and_licence_in_every_row():
    out = io.BytesIO()
    assert write_chart_table(TABLE, "csv", out) == ("alle-kommuner-indikator-X-2024.csv", "text/csv; charset=utf-8")
    out.seek(0)
    table = pd.read_csv(out, dtype={"kommune": str})
    assert list(table.columns) == ["kommune", "name", "value", "source", "licence"]
    assert table["kommune"].tolist() == ["0301", "4601"]
    assert table["value"].iloc[0] == 12.5 and pd.isna(table["value"].iloc[1])
    assert table["name"].iloc[1] == "'=Bergen"  # a spreadsheet shows the text, never runs it
    assert set(table["source"]) == {"SSB, table 07459"} and set(table["licence"]) == {"CC BY 4.0"}


def test_excel_has_labels_above_the_keys_and_a_sources_sheet():
    out = io.BytesIO()
    name, _media_type = write_chart_table(TABLE, "xlsx", out)
    assert name == "alle-kommuner-indikator-X-2024.xlsx"
    book = load_workbook(io.BytesIO(out.getvalue()), read_only=True)
    rows = list(book["data"].iter_rows(values_only=True))
    assert rows[0] == ("Kommunenummer", "Navn", "Verdi", "Kilde", "Lisens")
    assert rows[1] == ("kommune", "name", "value", "source", "licence")
    assert rows[2] == ("0301", "Oslo", 12.5, "SSB, table 07459", "CC BY 4.0")
    sources = dict(list(book["sources"].iter_rows(values_only=True))[1:])
    assert sources == {"title": "X in every kommune", "page": "/kommune/0301/indikator/X/",
                       "source": "SSB, table 07459", "licence": "CC BY 4.0"}


def test_an_unknown_format_names_the_ones_there_are():
    with pytest.raises(UnknownExportFormat, match="unknown chart data format 'pdf'; choose one of: csv, xlsx"):
        write_chart_table(TABLE, "pdf", io.BytesIO())
