import numpy as np
import pytest

from cocreate.similarity import representation as rep

CORPUS = [
    ("Discount for bringing your own cup", "Take 30p off every drink served in a customer's own cup."),
    ("Bike parking outside every café", "There is nowhere to lock a bike. Two or three racks by the door."),
    ("Let dogs into the cafés", "Allow dogs in part of each café, with a water bowl by the door."),
    ("Solar panels on the roofs", "Put solar panels on the cafés we own to power the espresso machines."),
]


def _index(method=rep.LEXICAL):
    return rep.build_index(method, [10, 20, 30, 40], [rep.idea_text(t, b) for t, b in CORPUS])


def _query(title, body="", method=rep.LEXICAL):
    return rep.encode(method, [rep.idea_text(title, body)])


def test_normalise_folds_case_accents_and_markdown():
    assert rep.normalise("**Café** _Crème_  [link](https://x.org)") == "cafe creme link"


def test_stem_folds_plurals():
    assert [rep.stem(w) for w in ["cups", "pastries", "boxes", "glass", "bus"]] == [
        "cup",
        "pastry",
        "box",
        "glass",
        "bus",
    ]


def test_near_duplicate_scores_high_and_unrelated_low():
    index = _index()
    dup = index.scores(_query("Discount for bringing your own cups", "30p off each drink in your own cup."))
    assert dup[0] >= rep.THRESHOLDS[rep.LEXICAL]["duplicate"]
    unrelated = index.scores(_query("Rocket launch schedule", "A timetable of rocket launches to Mars."))
    assert unrelated.max() < rep.THRESHOLDS[rep.LEXICAL]["suggest"]


def test_paraphrase_ranks_first():
    nearest = _index().nearest(_query("Racks to lock bicycles by the door"), k=5, threshold=0.0)
    assert nearest[0][0] == 20


def test_scores_are_deterministic_and_stored_vectors_round_trip():
    a = _index().scores(_query("Dogs allowed inside"))
    b = _index().scores(_query("Dogs allowed inside"))
    assert np.array_equal(a, b)
    encoded = rep.lexical_encode([rep.idea_text(*CORPUS[0])])
    restored = rep.from_bytes(rep.LEXICAL, rep.to_bytes(rep.LEXICAL, encoded))
    assert (restored != encoded).nnz == 0


def test_nearest_respects_threshold_and_k():
    index = _index()
    assert index.nearest(_query("Quantum chromodynamics lecture notes"), k=5, threshold=0.36) == []
    assert len(index.nearest(_query("café"), k=2, threshold=-1)) == 2


def test_pairs_find_duplicates_once():
    texts = [rep.idea_text(t, b) for t, b in CORPUS] + [rep.idea_text(*CORPUS[2])]
    index = rep.build_index(rep.LEXICAL, [1, 2, 3, 4, 5], texts)
    pairs = index.pairs(0.5)
    assert [(a, b) for a, b, _s in pairs] == [(3, 5)]
    assert pairs[0][2] == pytest.approx(1.0, abs=1e-5)


def test_empty_index():
    index = rep.build_index(rep.LEXICAL, [], [])
    assert index.nearest(_query("anything at all"), k=5) == []
    assert index.pairs(0.1) == []


def test_has_content_needs_two_content_words():
    assert not rep.has_content("the", "a")
    assert rep.has_content("bike racks")


def test_semantic_index_uses_dense_cosine():
    matrix = np.eye(3, 384, dtype=np.float32)
    index = rep.Index.build(rep.SEMANTIC, [7, 8, 9], matrix)
    assert index.nearest(matrix[1], k=1) == [(8, 1.0)]


# ---- choosing the method: semantic when installed, lexical otherwise ------------------------------------


def test_lexical_only_when_semantic_missing(monkeypatch):
    monkeypatch.setattr(rep.importlib.util, "find_spec", lambda name: None)
    assert rep.available_methods() == [rep.LEXICAL]
    assert rep.default_method() == rep.LEXICAL


def test_semantic_first_when_installed(monkeypatch):
    monkeypatch.delenv("COCREATE_SIMILARITY_METHOD", raising=False)
    monkeypatch.setattr(rep.importlib.util, "find_spec", lambda name: object())
    assert rep.available_methods() == [rep.SEMANTIC, rep.LEXICAL]
    assert rep.default_method() == rep.SEMANTIC


def test_environment_forces_lexical(monkeypatch):
    monkeypatch.setenv("COCREATE_SIMILARITY_METHOD", "lexical")
    monkeypatch.setattr(rep.importlib.util, "find_spec", lambda name: object())
    assert rep.default_method() == rep.LEXICAL


def test_unknown_method_refused():
    with pytest.raises(ValueError):
        rep.encode("magic", ["text"])


def test_themes_are_labelled_and_deterministic():
    texts = (
        [f"Reusable cup discount {i}: money off drinks in your own reusable cup" for i in range(6)]
        + [f"Bike racks {i}: secure bike parking racks outside for cyclists" for i in range(6)]
        + [f"Dog friendly {i}: let dogs inside with a dog water bowl" for i in range(6)]
    )
    ids = list(range(100, 118))
    first = rep.cluster_themes(ids, texts)
    second = rep.cluster_themes(ids, texts)
    assert first == second
    assert len(first) == 3
    groups = sorted(sorted(t.member_ids) for t in first)
    assert groups == [ids[0:6], ids[6:12], ids[12:18]]
    labels = " ".join(t.label.lower() for t in first)
    assert "cup" in labels and "bike" in labels and "dog" in labels


def test_too_few_ideas_make_no_themes():
    assert rep.cluster_themes([1, 2, 3], ["a cup", "a bike", "a dog"]) == []


# ---- the index's storage and arithmetic -----------------------------------------------------------------


def _naive_scores(method_rows, query_row, word):
    """The documented score computed the slow, obvious way: IDF from the indexed rows, then the mean of the word
    cosine and the character cosine, per idea."""
    rows = method_rows.toarray().astype(np.float64)
    query = query_row.toarray().astype(np.float64).reshape(-1)
    n = rows.shape[0]
    df = (rows > 0).sum(axis=0)
    idf = np.where(df > 0, np.log((1.0 + n) / (1.0 + df)) + 1.0, np.log(1.0 + n) + 1.0)
    rows, query = rows * idf, query * idf

    def cos(a, b):
        na, nb = np.linalg.norm(a), np.linalg.norm(b)
        return float(a @ b / (na * nb)) if na and nb else 0.0

    return np.array([0.5 * cos(r[word], query[word]) + 0.5 * cos(r[~word], query[~word]) for r in rows])


def test_inverted_index_scores_equal_the_mean_of_word_and_character_cosines():
    texts = [rep.idea_text(t, b) for t, b in CORPUS]
    raw = rep.lexical_encode(texts)
    index = rep.Index.build(rep.LEXICAL, [1, 2, 3, 4], raw)
    for title in ("Racks to lock bicycles by the door", "Solar power for espresso", "Zebra crossings"):
        query = _query(title)
        used = np.unique(np.concatenate([raw.indices, query.indices]))  # the naive version works on few columns
        expected = _naive_scores(raw[:, used], query[:, used], used < rep._WORD_FEATURES)
        assert index.scores(query) == pytest.approx(expected, abs=1e-5)


def test_stored_rows_load_in_one_pass_as_stacking_them_would():
    texts = [rep.idea_text(t, b) for t, b in CORPUS]
    raw = rep.lexical_encode(texts)
    blobs = [rep.to_bytes(rep.LEXICAL, raw[i : i + 1]) for i in range(len(texts))]
    assert (
        rep.stack_bytes(rep.LEXICAL, blobs) != rep.stack(rep.LEXICAL, [rep.from_bytes(rep.LEXICAL, b) for b in blobs])
    ).nnz == 0
    assert rep.stack_bytes(rep.LEXICAL, []).shape[0] == 0
    dense = np.random.default_rng(1).standard_normal((3, 384)).astype(np.float32)
    assert np.array_equal(rep.stack_bytes(rep.SEMANTIC, [rep.to_bytes(rep.SEMANTIC, r) for r in dense]), dense)
    assert rep.stack_bytes(rep.SEMANTIC, []).shape == (0, 384)


def test_pairs_are_the_same_whatever_the_block_size():
    texts = [rep.idea_text(t, b) for t, b in CORPUS] + [rep.idea_text(*CORPUS[2]), rep.idea_text(*CORPUS[0])]
    index = rep.build_index(rep.LEXICAL, [1, 2, 3, 4, 5, 6], texts)
    assert index.pairs(0.5, block=1) == index.pairs(0.5, block=512)
    assert {(a, b) for a, b, _s in index.pairs(0.5)} == {(3, 5), (1, 6)}


def test_nearest_keeps_ties_in_id_order_beyond_the_partition():
    matrix = np.tile(np.eye(1, 384, dtype=np.float32), (40, 1))  # forty identical ideas
    index = rep.Index.build(rep.SEMANTIC, list(range(100, 140)), matrix)
    assert [pk for pk, _s in index.nearest(matrix[0], k=5)] == [100, 101, 102, 103, 104]
