"""The user's own hashtags, learned from the photos they already captioned.

Two learners over the stored backbone features, both pure numpy (no torch at run time):

- ``knn``: cosine nearest neighbours among the captioned photos; a hashtag's score is
  the similarity-weighted share of the k nearest photos that carry it.
- ``head``: one-vs-rest logistic regression (a linear head on the features), trained
  with Adam, positives up-weighted so rare hashtags still count.

- ``blend``: what the picture shows, the user's co-occurring hashtags and their habits,
  added up: the kNN score; the hashtag head's built-in tags for the photo (its ``hashtag``
  facts) carried over to the user's hashtags through how often the user put each of their
  hashtags on photos showing that built-in tag (co-occurrence); the head's own probability
  for the user's hashtags that are built-in ones; and each hashtag's share of the user's
  posts (the habit: a hashtag on at least ``HABIT_SHARE`` of the posts is offered as such).

``choose_and_fit`` measures the learners on a held-out quarter of the user's photos, keeps
the one with the best recall@5 of the photos' own hashtags (ties go to kNN: it needs no
training to take in new photos) and refits it on all of them. The choice and the figures
are stored with the model. benchmarks/quality_tags.py measures them on real posts against
the user's most frequent hashtags.
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass, field

import numpy as np

from pose_desktop.catalog import personal as model_table
from pose_desktop.tagging.similar import FEATURE_MODEL, normalise
from pose_desktop.vocab.reasons import Reason

MODEL_NAME = "hashtags"
MIN_PHOTOS_PER_TAG = 3
KNN_K = 15
HABIT_SHARE = 0.6  # a hashtag on at least this share of the user's posts is a habit
# default blend weights (kNN, co-occurrence, head's own probability, habit/prior); each
# user's own are chosen from BLEND_GRID by cross-validation on their captioned photos
BLEND = (0.5, 0.5, 0.3, 0.2)
BLEND_GRID = tuple(
    (a, b, c, d)
    for a in (0.0, 0.25, 0.5, 1.0) for b in (0.0, 0.5) for c in (0.0, 0.3) for d in (0.2, 0.5, 1.0)
)
BLEND_FOLDS = 4
RETRAIN_GROWTH = 0.1  # retrain when captioned photos grew by 10 % (at least 3: one new hashtag)


@dataclass(frozen=True)
class PersonalGuess:
    """One hashtag the personal model proposes, with why."""

    tag: str
    score: float
    because: tuple[Reason, ...]


@dataclass
class PersonalModel:
    """A trained personal hashtag model (either method), ready to predict."""

    method: str  # "knn" or "head"
    tags: list[str]
    # knn: train vectors (normalised, float16) and a (n, T) 0/1 label matrix
    vectors: np.ndarray | None = None
    labels: np.ndarray | None = None
    # head: weights (d, T) and bias (T,)
    weights: np.ndarray | None = None
    bias: np.ndarray | None = None
    meta: dict = field(default_factory=dict)
    # blend: the head's built-in tags, (B, T) co-occurrence P(tag | built-in), (T,) share of posts
    shown_tags: list[str] = field(default_factory=list)
    cooc: np.ndarray | None = None
    prior: np.ndarray | None = None

    def shown_matrix(self, shown: list[dict[str, float]] | dict[str, float] | None, n: int) -> np.ndarray:
        """(n, B) head probabilities of ``shown_tags`` from per-photo {tag: probability}."""
        if isinstance(shown, dict):
            shown = [shown]
        out = np.zeros((n, len(self.shown_tags)), np.float32)
        for r, d in enumerate(shown or []):
            for j, t in enumerate(self.shown_tags):
                out[r, j] = d.get(t, 0.0)
        return out

    def _knn(self, x: np.ndarray) -> np.ndarray:
        sims = x @ self.vectors.astype(np.float32).T  # (n, N)
        k = min(KNN_K, sims.shape[1])
        idx = np.argpartition(-sims, k - 1, axis=1)[:, :k]
        top = np.take_along_axis(sims, idx, axis=1)
        w = np.clip(top, 0, None) ** 4  # sharpen: close neighbours count much more
        w = w / np.maximum(w.sum(1, keepdims=True), 1e-8)
        return np.einsum("nk,nkt->nt", w, self.labels[idx].astype(np.float32))

    def parts(self, features: np.ndarray, shown=None) -> dict[str, np.ndarray]:
        """The blend's (n, T) components: knn, cooc, direct, prior."""
        x = normalise(np.atleast_2d(features))
        s = self.shown_matrix(shown, len(x))
        cooc = s @ self.cooc / np.maximum(s.sum(1, keepdims=True), 1e-6)
        direct = np.zeros((len(x), len(self.tags)), np.float32)
        pos = {t: j for j, t in enumerate(self.shown_tags)}
        for k, t in enumerate(self.tags):
            if t in pos:
                direct[:, k] = s[:, pos[t]]
        return {"knn": self._knn(x), "cooc": cooc, "direct": direct,
                "prior": np.broadcast_to(self.prior, direct.shape)}

    @property
    def weights_of_blend(self) -> tuple[float, float, float, float]:
        """The blend's weights: the user's own (chosen by cross-validation) or ``BLEND``."""
        w = self.meta.get("blend_weights")
        return tuple(w) if w else BLEND

    def scores(self, features: np.ndarray, shown=None) -> np.ndarray:
        """(n, T) scores in 0..1 for (n, d) raw features (``shown``: the head's
        {built-in tag: probability} of each photo, for the blend)."""
        x = normalise(np.atleast_2d(features))
        if self.method == "head":
            return 1.0 / (1.0 + np.exp(-(x @ self.weights + self.bias)))
        if self.method == "blend":
            return fuse(self.parts(features, shown), self.weights_of_blend)
        return self._knn(x)

    def predict(self, features: np.ndarray, top: int = 5, min_score: float = 0.15,
                shown: dict[str, float] | None = None) -> list[PersonalGuess]:
        """Best hashtags for one photo's features (and the head's ``shown`` tags), with
        explanations."""
        s = self.scores(features, shown)[0]
        parts = self.parts(features, shown) if self.method == "blend" else None
        order = np.argsort(-s)[:top]
        out = []
        floor = min_score if self.method != "blend" else min_score / 3
        for t in order:
            if s[t] < floor:
                break
            if parts is not None:
                why = self._blend_reason(t, parts, shown or {})
            elif self.method == "knn":
                n = int(self.labels[:, t].sum())
                why = Reason.of("like_yours", tag=self.tags[t], n=n, score=float(s[t]))
            else:
                why = Reason.of("personal_head", tag=self.tags[t], score=float(s[t]))
            out.append(PersonalGuess(self.tags[t], float(s[t]), (why,)))
        return out

    def _blend_reason(self, t: int, parts: dict[str, np.ndarray], shown: dict[str, float]) -> Reason:
        tag = self.tags[t]
        share = float(self.prior[t])
        a, b, c, d = self.weights_of_blend
        weighted = {"knn": a * parts["knn"][0, t], "cooc": b * parts["cooc"][0, t],
                    "direct": c * parts["direct"][0, t], "prior": d * share}
        main = max(weighted, key=weighted.get)
        if share >= HABIT_SHARE:  # offered as a habit, whatever the picture shows
            return Reason.of("habit", tag=tag, share=share)
        if main == "cooc" and shown:
            j = int(np.argmax([shown.get(x, 0.0) * self.cooc[k, t] for k, x in enumerate(self.shown_tags)]))
            seen = self.shown_tags[j]
            return Reason.of("cooccur", tag=tag, seen=seen, share=float(self.cooc[j, t]),
                             score=float(shown.get(seen, 0.0)))
        if main == "direct":
            return Reason.of("personal_direct", tag=tag, score=float(parts["direct"][0, t]))
        if main == "knn":
            n = int(self.labels[:, t].sum())
            return Reason.of("like_yours", tag=tag, n=n, score=float(parts["knn"][0, t]))
        return Reason.of("uses", tag=tag, share=share)

    def to_blob(self) -> bytes:
        """Serialise the arrays (npz) for the catalog."""
        buf = io.BytesIO()
        arrays = {
            k: v
            for k, v in (
                ("vectors", self.vectors), ("labels", self.labels),
                ("weights", self.weights), ("bias", self.bias),
                ("cooc", self.cooc), ("prior", self.prior),
            )
            if v is not None
        }
        np.savez_compressed(buf, **arrays)
        return buf.getvalue()

    @classmethod
    def from_blob(cls, method: str, tags: list[str], blob: bytes, meta: dict) -> PersonalModel:
        """Inverse of ``to_blob``."""
        z = np.load(io.BytesIO(blob))
        get = lambda k: z[k] if k in z.files else None  # noqa: E731
        meta = dict(meta)
        shown_tags = list(meta.pop("shown_tags", []))
        return cls(method, tags, get("vectors"), get("labels"), get("weights"), get("bias"), meta,
                   shown_tags, get("cooc"), get("prior"))


# --- fitting -------------------------------------------------------------------------


def fuse(parts: dict[str, np.ndarray], weights) -> np.ndarray:
    """The blend's score: the weighted mean of its parts (kNN, co-occurrence, the head's
    own probability, the share of posts)."""
    a, b, c, d = weights
    return (a * parts["knn"] + b * parts["cooc"] + c * parts["direct"] + d * parts["prior"]) / (a + b + c + d)


def tune_blend(x: np.ndarray, y: np.ndarray, tags: list[str], shown: list[dict[str, float]],
               shown_tags: list[str], *, folds: int = BLEND_FOLDS, seed: int = 0) -> tuple[tuple, dict]:
    """The blend weights (from ``BLEND_GRID``) with the best mean recall@5 (then the best
    mean of recall@1..5) over ``folds`` folds of the user's own photos (each fold predicted by a blend fitted on the others;
    hashtags only counted where the other folds could know them); returns (weights,
    {weights as text: recall@5}). The grid holds the share of posts alone, so the user's
    most frequent hashtags compete too."""
    n = len(x)
    order = np.random.default_rng(seed).permutation(n)
    totals = np.zeros(len(BLEND_GRID))
    ranked = np.zeros(len(BLEND_GRID))  # mean of recall@1..5: breaks ties toward better order
    counted = 0
    for f in range(folds):
        te = order[f::folds]
        tr = np.setdiff1d(order, te)
        known = y[tr].sum(0) > 0
        yt = y[te] * known
        rows = yt.sum(1) > 0
        if not rows.any():
            continue
        m = fit_blend(x[tr], y[tr], tags, [shown[i] for i in tr], shown_tags)
        parts = m.parts(x[te][rows], [shown[i] for i in te[rows]])
        truth = yt[rows]
        for g, w in enumerate(BLEND_GRID):
            top = np.argsort(-fuse(parts, w), axis=1)[:, :5]
            found = np.cumsum(np.take_along_axis(truth, top, axis=1), axis=1) / truth.sum(1, keepdims=True)
            totals[g] += float(found[:, -1].sum())
            ranked[g] += float(found.mean(1).sum())
        counted += int(rows.sum())
    if counted == 0:
        return BLEND, {}
    best = max(range(len(BLEND_GRID)), key=lambda g: (round(totals[g] / counted, 3), ranked[g], -g))
    return BLEND_GRID[best], {",".join(f"{v:g}" for v in w): round(t / counted, 4)
                              for w, t in zip(BLEND_GRID, totals, strict=True)}


def fit_knn(x: np.ndarray, y: np.ndarray, tags: list[str]) -> PersonalModel:
    """kNN "training": keep the normalised vectors and labels."""
    return PersonalModel("knn", tags, vectors=normalise(x).astype(np.float16), labels=y.astype(np.uint8))


def fit_blend(x: np.ndarray, y: np.ndarray, tags: list[str], shown: list[dict[str, float]],
              shown_tags: list[str]) -> PersonalModel:
    """The blend: kNN vectors, each hashtag's share of posts, and P(hashtag | built-in tag
    shown) from the head's probabilities of the training photos (add-one smoothed)."""
    m = fit_knn(x, y, tags)
    m.method, m.shown_tags = "blend", list(shown_tags)
    s = m.shown_matrix(shown, len(x))
    yf = y.astype(np.float32)
    m.cooc = ((s.T @ yf + 0.01) / (s.sum(0)[:, None] + 0.01 * max(len(tags), 1))).astype(np.float32)
    m.prior = yf.mean(0).astype(np.float32)
    return m


def recall_at(model: PersonalModel, x: np.ndarray, y: np.ndarray, shown=None, k: int = 5) -> dict:
    """recall@k of each photo's own hashtags (those the model knows) and hit@k."""
    if len(x) == 0:
        return {"recall5": 0.0, "hit5": 0.0, "n": 0}
    s = model.scores(x, shown)
    top = np.argsort(-s, axis=1)[:, :k]
    hits = np.take_along_axis(y, top, axis=1).sum(1)
    return {"recall5": float(np.mean(hits / np.maximum(y.sum(1), 1))), "hit5": float(np.mean(hits > 0)),
            "n": len(x)}


def fit_head(
    x: np.ndarray, y: np.ndarray, tags: list[str], *, epochs: int = 300, lr: float = 0.05,
    l2: float = 1e-3, seed: int = 0,
) -> PersonalModel:
    """One-vs-rest logistic regression with Adam (full batch), positives up-weighted."""
    x = normalise(x)
    x_mean = x.mean(0)
    n, d = x.shape
    t = y.shape[1]
    yf = y.astype(np.float32)
    pos = yf.sum(0)
    pos_weight = np.clip((n - pos) / np.maximum(pos, 1), 1, 20).astype(np.float32)
    rng = np.random.default_rng(seed)
    w = (rng.standard_normal((d, t)) * 0.01).astype(np.float32)
    b = np.log(np.maximum(pos, 0.5) / n).astype(np.float32)
    xc = (x - x_mean) * 8.0  # centred and scaled: unit vectors are tiny per dimension
    m_w, v_w = np.zeros_like(w), np.zeros_like(w)
    m_b, v_b = np.zeros_like(b), np.zeros_like(b)
    b1, b2, eps = 0.9, 0.999, 1e-8
    for step in range(1, epochs + 1):
        z = xc @ w + b
        p = 1.0 / (1.0 + np.exp(-z))
        # d loss / dz of weighted BCE: pos_weight*y*(p-1) + (1-y)*p
        g = (pos_weight * yf * (p - 1.0) + (1.0 - yf) * p) / n
        gw = xc.T @ g + l2 * w
        gb = g.sum(0)
        m_w, v_w = b1 * m_w + (1 - b1) * gw, b2 * v_w + (1 - b2) * gw * gw
        m_b, v_b = b1 * m_b + (1 - b1) * gb, b2 * v_b + (1 - b2) * gb * gb
        corr1, corr2 = 1 - b1**step, 1 - b2**step
        w -= lr * (m_w / corr1) / (np.sqrt(v_w / corr2) + eps)
        b -= lr * (m_b / corr1) / (np.sqrt(v_b / corr2) + eps)
    # fold centring and scaling into the weights so prediction takes normalised x as is
    w_eff = (w * 8.0).astype(np.float32)
    b_eff = (b - (x_mean * 8.0) @ w).astype(np.float32)
    return PersonalModel("head", tags, weights=w_eff, bias=b_eff)


def top3_hit_rate(model: PersonalModel, x: np.ndarray, y: np.ndarray, shown=None) -> dict:
    """Share of photos with at least one true hashtag in the top 3, and precision@3."""
    if len(x) == 0:
        return {"top3_hit": 0.0, "precision3": 0.0, "n": 0}
    s = model.scores(x, shown)
    top = np.argsort(-s, axis=1)[:, :3]
    hits = np.take_along_axis(y, top, axis=1)
    return {
        "top3_hit": float((hits.sum(1) > 0).mean()),
        "precision3": float(hits.mean()),
        "n": len(x),
    }


def build_vocabulary(tag_lists: list[list[str]], min_photos: int = MIN_PHOTOS_PER_TAG) -> list[str]:
    """Hashtags used on at least ``min_photos`` photos, most used first."""
    counts: dict[str, int] = {}
    for tags in tag_lists:
        for t in set(tags):
            counts[t] = counts.get(t, 0) + 1
    return sorted((t for t, c in counts.items() if c >= min_photos), key=lambda t: (-counts[t], t))


def label_matrix(tag_lists: list[list[str]], vocab: list[str]) -> np.ndarray:
    """(n, T) 0/1 matrix of which vocabulary hashtags each photo has."""
    pos = {t: i for i, t in enumerate(vocab)}
    y = np.zeros((len(tag_lists), len(vocab)), dtype=np.uint8)
    for r, tags in enumerate(tag_lists):
        for t in tags:
            if t in pos:
                y[r, pos[t]] = 1
    return y


def choose_and_fit(
    x: np.ndarray, tag_lists: list[list[str]], *, min_photos: int = MIN_PHOTOS_PER_TAG,
    method: str = "auto", seed: int = 0, shown: list[dict[str, float]] | None = None,
    shown_tags: list[str] | None = None,
) -> PersonalModel | None:
    """Fit the personal model (``method``: "auto", "blend", "knn" or "head").

    ``auto`` is the blend from 20 photos on (kNN below): its weights are the user's own,
    chosen by ``tune_blend`` (cross-validation on the photos it is fitted on; the grid
    holds the share of posts alone, i.e. the user's most frequent hashtags, and near-kNN
    mixes, so a user whose pictures say little about their hashtags gets those). Measured
    on held-out photos before choosing on repeated splits of Instagram posts, the blend
    tuned this way did better than picking a learner by one held-out split
    (benchmarks/quality_personal.py). ``shown``: the head's {built-in tag: probability} of
    each photo (the blend's co-occurrence and direct parts need it; without it they are
    zero). With at least 40 photos, ``meta["validation"]`` holds what the user is told:
    recall@5 and top-3 hit on a random 25 % held out, of the kNN, the blend (tuned on the
    other 75 % only) and the user's 5 most frequent hashtags. Returns None without
    enough data.
    """
    vocab = build_vocabulary(tag_lists, min_photos)
    keep = [i for i, tags in enumerate(tag_lists) if any(t in vocab for t in tags)]
    if not vocab or len(keep) < 2:
        return None
    x = x[keep]
    y = label_matrix([tag_lists[i] for i in keep], vocab)
    kept_shown = [shown[i] for i in keep] if shown is not None else [{} for _ in keep]
    tags_shown = sorted(shown_tags or {t for d in kept_shown for t in d})

    def blend(tr: np.ndarray) -> PersonalModel:
        sub = [kept_shown[i] for i in tr]
        weights, table = (tune_blend(x[tr], y[tr], vocab, sub, tags_shown, seed=seed)
                          if len(tr) >= 20 else (BLEND, {}))
        m = fit_blend(x[tr], y[tr], vocab, sub, tags_shown)
        m.meta = {"blend_weights": list(weights), "blend_cv_recall5": table}
        return m

    def frequent(tr: np.ndarray) -> PersonalModel:
        m = fit_blend(x[tr], y[tr], vocab, [kept_shown[i] for i in tr], tags_shown)
        m.meta = {"blend_weights": [0.0, 0.0, 0.0, 1.0]}
        return m

    fitters = {"knn": lambda tr: fit_knn(x[tr], y[tr], vocab),
               "head": lambda tr: fit_head(x[tr], y[tr], vocab),
               "blend": blend}
    meta: dict = {"n_photos": len(keep), "n_tags": len(vocab), "n_captioned": len(tag_lists)}
    if method == "auto":
        method = "blend" if len(keep) >= 20 else "knn"  # too few photos to tune; kNN needs no fitting
        if len(keep) >= 40:
            order = np.random.default_rng(seed).permutation(len(keep))
            n_test = len(keep) // 4
            te, tr = order[:n_test], order[n_test:]
            test_shown = [kept_shown[i] for i in te]
            meta["validation"] = {}
            for name, fitter in (("blend", blend), ("knn", fitters["knn"]), ("most_frequent", frequent)):
                m = fitter(tr)
                meta["validation"][name] = (top3_hit_rate(m, x[te], y[te], test_shown)
                                            | recall_at(m, x[te], y[te], test_shown))
    model = fitters[method](np.arange(len(keep)))
    model.meta = meta | model.meta | {"method": method}
    return model


# --- catalog -------------------------------------------------------------------------


def captioned_training_set(db) -> tuple[np.ndarray, list[list[str]], list[int], list[dict[str, float]]]:
    """Features, canonical hashtags and the head's {built-in tag: probability} (its
    ``hashtag`` facts) of every photo that has features and hashtags."""
    rows = model_table.captioned_rows(db, FEATURE_MODEL)
    if not rows:
        return np.zeros((0, 1280), np.float32), [], [], []
    x = np.frombuffer(b"".join(r[1] for r in rows), dtype="<f2").reshape(len(rows), -1)
    tags = [sorted(set(r[2].split("\x1f"))) for r in rows]
    shown = [{name: float(score) for kind, name, score, _ in json.loads(r[3] or "[]") if kind == "hashtag"}
             for r in rows]
    return x.astype(np.float32), tags, [r[0] for r in rows], shown


def save_model(db, model: PersonalModel) -> None:
    """Store (replace) the personal model; call inside ``Catalog.write()``."""
    meta = dict(model.meta) | {"tags": model.tags, "shown_tags": model.shown_tags}
    model_table.save_model(db, MODEL_NAME, model.method, int(model.meta.get("n_captioned", 0)),
                           len(model.tags), json.dumps(meta, ensure_ascii=False), model.to_blob())


def load_model(db) -> PersonalModel | None:
    """The stored personal model, or None before the first training."""
    row = model_table.model_row(db, MODEL_NAME)
    if row is None:
        return None
    meta = json.loads(row[1])
    return PersonalModel.from_blob(row[0], meta.pop("tags"), row[2], meta)


def needs_training(db) -> bool:
    """True when no model exists or the captioned photos grew since the last training."""
    trained = model_table.trained_on(db, MODEL_NAME)
    n_now = model_table.photos_with_features_and_hashtags(db)
    if trained is None:
        return n_now >= 2
    grown = n_now - trained
    return grown >= max(MIN_PHOTOS_PER_TAG, RETRAIN_GROWTH * trained)
