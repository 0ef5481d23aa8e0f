#!/usr/bin/env python3
"""Notebook-style example: every figure of a department-year as flat rows, standard library only.

    python3 graph/examples/figures.py [http://localhost:8080/graphql]
"""
import json
import sys
import urllib.request

URL = sys.argv[1] if len(sys.argv) > 1 else "http://localhost:8080/graphql"
QUERY = """
query ($after: String) {
  document(department: "曾都区政务服务和大数据管理局", year: 2024) {
    figures(first: 100, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      nodes { table rowCode rowName column amount { yuan printed unit status source { line } } }
    }
  }
}
"""


def post(query, variables):
    body = json.dumps({"query": query, "variables": variables}).encode()
    req = urllib.request.Request(URL, body, {"Content-Type": "application/json"})
    with urllib.request.urlopen(req) as resp:
        out = json.load(resp)
    if out.get("errors"):
        raise SystemExit(out["errors"])
    return out["data"]


rows, after = [], None
while True:
    page = post(QUERY, {"after": after})["document"]["figures"]
    for n in page["nodes"]:
        a = n["amount"]
        rows.append((n["table"], n["rowCode"], n["rowName"], n["column"], a["yuan"], a["printed"],
                     a["unit"], a["status"], a["source"]["line"]))
    if not page["pageInfo"]["hasNextPage"]:
        break
    after = page["pageInfo"]["endCursor"]

print(f"{len(rows)} of {page['totalCount']} figures")
for r in rows[:5]:
    print("\t".join(str(x) for x in r))
