#!/usr/bin/env python3
"""Builds README.md from README.md.in and results.json (written by grid.py)."""

import json

import closed_form as cf
import grid

res = json.load(open("results.json"))
table = grid.table(res)

rows = ["| case | sim mean | FES mean (err) | 4c mean (err) | sim p50 | 4c p50 (err) | sim p95 | 4c p95 (err) | exp-R p95 (err) | sim p99 | 4c p99 (err) | exp-R p99 (err) | sim timeout share | closed timeout share |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
for r in res:
    c, s = r["case"], r["sim"]
    a = cf.approx_c(c["lam"], c["c"], c["L"], c["S"], c["W"], c["tau"])
    if not a.get("stable"):
        continue

    def e(x, y):
        return f"{x:.4g} ({100 * (x - y) / y:+.1f} %)"
    rows.append(
        f"| {c['name']} | {s['mean']:.4g} ± {s['mean_hw']:.2g} | {e(a['mean'], s['mean'])} | {e(a['mean_c'], s['mean'])}"
        f" | {s['p50']:.4g} | {e(a['p50_c'], s['p50'])}"
        f" | {s['p95']:.4g} | {e(a['p95_c'], s['p95'])} | {e(a['p95_exp'], s['p95'])}"
        f" | {s['p99']:.4g} | {e(a['p99_c'], s['p99'])} | {e(a['p99_exp'], s['p99'])}"
        f" | {s['timeout_share']:.4g} | {a['p_timeout']:.4g} |")
comparison = "\n".join(rows) + "\n"

findings = open("findings.md").read() if __import__("os").path.exists("findings.md") else ""
text = open("README.md.in").read()
text = text.replace("@TABLE@", table + "\n### Closed forms against the simulation\n\n"
                    "FES mean: flow-equivalent server + birth-death (design 1.3), no correction. `4c`: the"
                    " design's proposal (FES, admission-mixture CPU residence, wait factor for W > 0;"
                    " closed_form.approx_c). `exp-R`: same but CPU residence exponential (today's shape)."
                    " Closed forms assume exponential work: the `det` rows show what that costs.\n\n" + comparison)
text = text.replace("@FINDINGS@", findings)
open("README.md", "w").write(text)
print("README.md written")
