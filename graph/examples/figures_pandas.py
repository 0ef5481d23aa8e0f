#!/usr/bin/env python3
"""Notebook-style example: the flat figures as a pandas DataFrame, straight from the export.

    python3 graph/examples/figures_pandas.py [http://localhost:8080]

GET /export/figures.csv has the columns of `budgetql figures` (UTF-8 with a byte-order mark) and
takes department (name or alias), year, kind (budget, final) and table as query parameters.
Amounts are exact decimals in 元: read them as strings and convert with decimal.Decimal when the
last cent matters, as below; a blank cell (printed empty, not zero) is an empty amount_yuan.
"""
import sys
from decimal import Decimal
from urllib.parse import urlencode

import pandas as pd

BASE = sys.argv[1] if len(sys.argv) > 1 else "http://localhost:8080"
params = urlencode({"department": "上海市普陀区人民政府万里街道办事处", "kind": "budget", "table": "sangong"})

df = pd.read_csv(f"{BASE}/export/figures.csv?{params}", encoding="utf-8-sig",
                 dtype={"row_code": str, "amount_yuan": str, "printed": str})
df["amount"] = df["amount_yuan"].map(lambda s: Decimal(s) if isinstance(s, str) else None)

# 三公经费 total by year, in 万元.
totals = df[(df.row_code == "total") & (df.column == "total")].sort_values("year")
for year, amount in zip(totals.year, totals.amount):
    print(year, amount / 10000, "万元")
