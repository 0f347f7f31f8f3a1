"""The published algorithm of the 双随机 draws — pure functions, no database: anyone with a draw's published
inputs (its file at ``/public/draws/<id>/inputs.json``) gets the same selection with
``manage.py replay_draw <file>`` or by re-implementing the five lines below.

``sha256-rank-v1``:

1. canonical JSON = ``json.dumps(obj, sort_keys=True, ensure_ascii=False, separators=(",", ":"))`` in UTF-8;
2. seed = SHA-256 (hex) of the public value (the lottery number or string published before the draw);
3. in each county, the eligible employers sorted by SHA-256(seed ":" "E" ":" employer id), the first
   ``quota`` taken;
4. for each employer taken, the eligible inspectors of its county (not of the employer's grid when the
   own-grid rule is on) sorted by SHA-256(seed ":" "I" ":" employer id ":" inspector id), the first two taken
   (a pair: LIR Art 16);
5. inputs hash = SHA-256 of the canonical JSON of ``{algorithm, quotas, rules, snapshot}``.
"""

import hashlib
import json

ALGORITHM = "sha256-rank-v1"
PAIR = 2  # inspections by at least two inspectors (LIR Art 16)


def canonical(obj) -> str:
    return json.dumps(obj, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def seed_of(public_value: str) -> str:
    return sha256(public_value.strip())


def inputs_hash(*, algorithm: str, quotas: dict, rules: dict, snapshot: dict) -> str:
    return sha256(canonical({"algorithm": algorithm, "quotas": quotas, "rules": rules, "snapshot": snapshot}))


def _rank(seed: str, *parts) -> str:
    return sha256(":".join([seed, *map(str, parts)]))


def _inspectors_for(employer: dict, inspectors: list[dict], rules: dict) -> list[dict]:
    own_grid = rules.get("own_grid", {}).get("enabled", False)
    return [
        i
        for i in inspectors
        if employer["county"] in i["counties"] and not (own_grid and employer.get("grid") in i["grids"])
    ]


def select(*, seed: str, quotas: dict, rules: dict, snapshot: dict, algorithm: str = ALGORITHM) -> list[dict]:
    """The draw: ``[{"employer": id, "county": code, "inspectors": [id, id]}, ...]`` in county, rank order."""
    if algorithm != ALGORITHM:
        raise ValueError(f"unknown algorithm {algorithm!r}")
    chosen = []
    for county in sorted(quotas):
        pool = [e for e in snapshot["employers"] if e["county"] == county and e["eligible"]]
        pool.sort(key=lambda e: _rank(seed, "E", e["id"]))
        for employer in pool[: int(quotas[county])]:
            team = _inspectors_for(employer, snapshot["inspectors"], rules)
            team.sort(key=lambda i, e=employer: _rank(seed, "I", e["id"], i["id"]))
            chosen.append(
                {"employer": employer["id"], "county": county, "inspectors": [i["id"] for i in team[:PAIR]]}
            )
    return chosen


def replay(document: dict) -> dict:
    """Check a published draw document: its hashes and its selection recomputed from its inputs."""
    snapshot, rules, quotas = document["snapshot"], document["rules"], document["quotas"]
    algorithm = document["algorithm"]
    recomputed = {
        "snapshot_sha256": sha256(canonical(snapshot)),
        "inputs_sha256": inputs_hash(algorithm=algorithm, quotas=quotas, rules=rules, snapshot=snapshot),
        "seed": seed_of(document["seed_value"]),
    }
    result = select(
        seed=recomputed["seed"], quotas=quotas, rules=rules, snapshot=snapshot, algorithm=algorithm
    )
    recomputed["result_sha256"] = sha256(canonical(result))
    checks = {key: document.get(key) == value for key, value in recomputed.items()}
    checks["result"] = document.get("result") == result
    return {"ok": all(checks.values()), "checks": checks, "result": result}
