"""Similar-idea quality and latency, for each text-representation method installed.

    python benchmarks/similarity_quality.py CORPUS.csv QUERIES.csv [--method lexical] [--sweep]
    python benchmarks/similarity_quality.py --latency [--sizes 10000,100000]

CORPUS.csv: id,title,body. QUERIES.csv: title,body,duplicate_of (empty when it duplicates nothing), and an
optional `kind` column (results are also broken down by kind). The default set is benchmarks/data/.

Metrics, per method, at the method's calibrated suggestion threshold (representation.THRESHOLDS):
- recall@5: share of duplicate queries whose true duplicate is among the 5 nearest (no threshold);
- shown recall: share of duplicate queries whose true duplicate is actually suggested (top 5 above threshold);
- precision at threshold: of the queries that get any suggestion, the share whose suggestions include the true
  duplicate (a no-duplicate query that gets a suggestion counts as wrong);
- false-suggestion rate: share of no-duplicate queries that get any suggestion.
--sweep prints these for a range of thresholds (how the thresholds were calibrated).
"""

from __future__ import annotations

import argparse
import csv
import random
import statistics
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT.parent / "src"))

from cocreate.similarity import representation as rep  # noqa: E402

K = 5


def read_csv(path: str) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def rank_all(method: str, corpus: list[dict[str, str]], queries: list[dict[str, str]]):
    ids = list(range(len(corpus)))
    index = rep.build_index(method, ids, [rep.idea_text(c["title"], c["body"]) for c in corpus])
    encoded = rep.encode(method, [rep.idea_text(q["title"], q["body"]) for q in queries])
    ranked = []
    for i in range(len(queries)):
        row = encoded[i] if method == rep.SEMANTIC else encoded[i : i + 1]
        ranked.append(index.nearest(row, k=K, threshold=-1.0))
    return ranked


def evaluate(corpus, queries, ranked, threshold: float, kinds: bool = True) -> dict[str, float]:
    position = {c["id"]: i for i, c in enumerate(corpus)}
    dup_total = hits5 = shown_hits = with_suggestion = correct_suggestion = neg_total = neg_suggested = 0
    by_kind: dict[str, list[int]] = {}
    for q, results in zip(queries, ranked, strict=True):
        target = position.get(q["duplicate_of"].strip()) if q["duplicate_of"].strip() else None
        shown = [i for i, s in results if s >= threshold]
        if shown:
            with_suggestion += 1
        if target is None:
            neg_total += 1
            neg_suggested += bool(shown)
            continue
        dup_total += 1
        hit = target in [i for i, _ in results]
        hits5 += hit
        shown_hits += target in shown
        correct_suggestion += target in shown
        by_kind.setdefault(q.get("kind") or "duplicate", []).append(int(hit))
    out = {
        "recall@5": hits5 / dup_total if dup_total else float("nan"),
        "shown_recall": shown_hits / dup_total if dup_total else float("nan"),
        "precision": correct_suggestion / with_suggestion if with_suggestion else 1.0,
        "false_suggestion_rate": neg_suggested / neg_total if neg_total else float("nan"),
        "duplicates": dup_total,
        "no_duplicate": neg_total,
    }
    if kinds:
        for kind, hits in sorted(by_kind.items()):
            out[f"recall@5[{kind}]"] = sum(hits) / len(hits)
    return out


def quality(args) -> None:
    corpus, queries = read_csv(args.corpus), read_csv(args.queries)
    methods = [args.method] if args.method else rep.available_methods()
    print(f"corpus {len(corpus)} ideas, {len(queries)} queries; methods: {', '.join(methods)}")
    summary = []
    for method in methods:
        started = time.perf_counter()
        ranked = rank_all(method, corpus, queries)
        elapsed = time.perf_counter() - started
        threshold = rep.THRESHOLDS[method]["suggest"]
        result = evaluate(corpus, queries, ranked, threshold)
        print(f"\n[{method}] suggestion threshold {threshold:.2f} ({elapsed:.1f} s to encode and rank)")
        for key, value in result.items():
            print(f"  {key:28s} {value:.3f}" if isinstance(value, float) else f"  {key:28s} {value}")
        if args.sweep:
            print("  threshold  shown_recall  precision  false_suggestion_rate")
            for t in np.arange(0.10, 0.95, 0.02):
                r = evaluate(corpus, queries, ranked, float(t), kinds=False)
                print(
                    f"  {t:9.2f}  {r['shown_recall']:12.3f}  {r['precision']:9.3f}  {r['false_suggestion_rate']:21.3f}"
                )
        summary.append(
            f"{method}: recall@5={result['recall@5']:.3f} precision@{threshold:.2f}={result['precision']:.3f} "
            f"false_suggestions={result['false_suggestion_rate']:.3f}"
        )
    print("\nSUMMARY " + " | ".join(summary))


def synthetic_texts(n: int, seed: int = 7) -> list[str]:
    """Plausible idea texts from the demo vocabulary, shuffled into n different ideas."""
    rng = random.Random(seed)
    corpus = read_csv(str(ROOT / "data" / "similarity_corpus.csv"))
    vocabulary = sorted({w for c in corpus for w in (c["title"] + " " + c["body"]).split() if w.isalpha()})
    return [
        " ".join(rng.choices(vocabulary, k=rng.randint(6, 10))) + ". " + " ".join(rng.choices(vocabulary, k=40))
        for _ in range(n)
    ]


def latency(args) -> None:
    sizes = [int(s) for s in args.sizes.split(",")]
    methods = [args.method] if args.method else rep.available_methods()
    queries = synthetic_texts(args.queries_n, seed=99)
    summary = []
    for method in methods:
        for n in sizes:
            started = time.perf_counter()
            if method == rep.SEMANTIC:
                # Scoring cost does not depend on the content: random unit vectors stand in for 100k encodings.
                rng = np.random.default_rng(0)
                raw = rng.standard_normal((n, 384)).astype(np.float32)
                raw /= np.linalg.norm(raw, axis=1, keepdims=True)
            else:
                raw = rep.encode(method, synthetic_texts(n))
            index = rep.Index.build(method, list(range(n)), raw)
            build = time.perf_counter() - started
            # What a web process pays when a campaign's vectors changed: read the stored rows, index them again.
            blobs = [rep.to_bytes(method, raw[i] if method == rep.SEMANTIC else raw[i : i + 1]) for i in range(n)]
            started = time.perf_counter()
            rep.Index.build(method, list(range(n)), rep.stack_bytes(method, blobs))
            reload = time.perf_counter() - started
            del blobs, raw
            rep.encode(method, ["warm up"])
            timings = []
            for q in queries:
                t0 = time.perf_counter()
                encoded = rep.encode(method, [q])
                index.nearest(encoded[0] if method == rep.SEMANTIC else encoded, k=K, threshold=0.0)
                timings.append((time.perf_counter() - t0) * 1000)
            timings.sort()
            p50 = statistics.median(timings)
            p95 = timings[int(0.95 * (len(timings) - 1))]
            print(
                f"[{method}] {n:>7} ideas: encoded and indexed in {build:.1f} s, reloaded from stored vectors in "
                f"{reload:.2f} s; query p50 {p50:.1f} ms, p95 {p95:.1f} ms"
            )
            summary.append(f"{method}@{n}: p50={p50:.1f}ms p95={p95:.1f}ms reload={reload:.2f}s")
    print("SUMMARY " + " | ".join(summary))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", nargs="?", default=str(ROOT / "data" / "similarity_corpus.csv"))
    parser.add_argument("queries", nargs="?", default=str(ROOT / "data" / "similarity_queries.csv"))
    parser.add_argument("--method", choices=[rep.LEXICAL, rep.SEMANTIC])
    parser.add_argument("--sweep", action="store_true", help="print metrics over a range of thresholds")
    parser.add_argument("--latency", action="store_true", help="measure suggestion latency on a synthetic corpus")
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--queries-n", type=int, default=200)
    args = parser.parse_args()
    latency(args) if args.latency else quality(args)


if __name__ == "__main__":
    main()
