"""Clothing tags on photos of real people, scored against human captions; the display rule
of ``vocab.clothing`` chosen by cross-validation.

    python benchmarks/quality_clothing_people.py [--data DIR] [--target P] [--cache DIR]

DIR (default ../shared/datasets) is laid out like the shared datasets: the photos with
captions are captioned/ (5 captions each, ``captions`` joined by " | ") and the rows of
hashtags/labels.csv with a non-empty ``captions`` column (Flickr8k); a photo in both counts
once (by sha256). clothing/ (garment product photos, ``fine_label``) is the check that the
product-photo path does not collapse.

Every photo goes through the app's own path for a dropped file: ``Library.pictures``'s
analysis graph, faces then the picture analyzer (decoded as the app decodes it; the
detector and face ages, which the clothing facts do not read, left out), and the inputs
the analyzer gives ``tagging.scenes.describe`` (ImageNet probabilities, the clothing
model's hat-checked fine probabilities where clothes are worn, the garment colours below
the largest face, faces found, a head filling the frame) are kept in a cache
(``--cache``, default artifacts/clothing_cache, one .npz per model version, by sha256). The
rules are then applied to those inputs by ``describe`` itself, each with its own
``ClothingRule``: the app's (``vocab.clothing.SHOWN``), the one chosen here, and the rule
before it (every cut 0, no swimwear guard) as the baseline.

Truth from captions (``FAMILIES``, whole words, case-insensitive; a family is "named" where
any of the 5 captions names it): top (shirt, t-shirt, top, sweater, jersey, tank top,
blouse...), outerwear (jacket, coat, hoodie, vest but not a life vest...), dress, skirt,
shorts, pants (jeans, trousers...), swim (shirtless, bikini, swimsuit, trunks...: no top),
hat, shoes. Captions say "shirt" of T-shirts and long sleeves alike, so the app's t-shirt,
shirt, long sleeve and "top" are all confirmed by the top family (``CONFIRMED_BY``); its
"bottom" by shorts, pants or skirt. A tag is "checkable" where the captions name any
garment of its body zone (upper: top, outerwear, dress, swim; lower: pants, shorts, skirt,
dress, swim; hat; shoes): precision is confirmed / checkable tags (and confirmed / all tags,
the lower bound). Captions leave much out (the man in a red shirt wears trousers nobody
mentions; "a girl in pink" under a jacket), so every precision here is a lower bound.
Recall: of the photos whose captions name a family, how many show a tag it confirms.
Contradictions: an upper-body garment (top, outerwear, dress) shown where the captions say
shirtless / bikini / swimsuit (``FAMILIES["swim"]``). Colours: where the captions name the
colour of the shown garment's family ("a boy in a red shirt"; ``CAPTION_COLOURS`` maps the
caption word to the app's names), whether the app's first colour, or any it shows, is one
the captions give that garment.

The rule (``vocab.clothing.ClothingRule``): the fine class (``clothing_labels.decide``) is
shown where its probability reaches its class's cut, else its type where the type's summed
probability reaches the type's cut, else no garment (and no colour); an upper-body garment
is not shown where the backbone's swimwear labels (bikini, maillot, swimming trunks) sum to
the guard's cut. Cuts are chosen on 4 of 5 folds (grouped by photo) as the lowest of a
grid where the class's checkable caption-confirmed precision reaches ``--target`` on at
least 5 tags, or where fewer than 5 remain, none of them contradicted (a class the captions
can hardly check, such as skirts and shoes, is shown only above its last wrong tag, and the
garment photos' confident classes stay); else never shown; the guard's cut as the one that removes the most
contradictions less confirmed tags lost; scored on the fifth. The CV figures are the
rule's honest estimate; the cuts printed are those chosen on all photos (the app's, once
copied into ``vocab.clothing.SHOWN``). Clothing set: how many of its photos get their own
fine class, their type only, a wrong garment, or none, under each rule (in-sample: the
clothing model was trained on these photos). Last line: one JSON object.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import re
import sys
import tempfile
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

CACHE_DIR = REPO / "artifacts" / "clothing_cache"
NO_FINE = np.full(10, np.nan, np.float32)


def captioned_rows(data: Path) -> list[tuple[Path, str]]:
    """(image, captions) of captioned/ and the captioned rows of hashtags/, each file once."""
    rows: list[tuple[Path, str]] = []
    for part in ("captioned", "hashtags"):
        labels = data / part / "labels.csv"
        if not labels.exists():
            continue
        for r in csv.DictReader(open(labels, newline="", encoding="utf-8")):
            p = data / part / "images" / r["file"]
            if (r.get("captions") or "").strip() and p.exists():
                rows.append((p, r["captions"]))
    return rows


def clothing_rows(data: Path) -> list[tuple[Path, str]]:
    """(image, fine label) of clothing/."""
    labels = data / "clothing" / "labels.csv"
    if not labels.exists():
        return []
    return [(data / "clothing" / "images" / r["file"], r["fine_label"])
            for r in csv.DictReader(open(labels, newline="", encoding="utf-8"))
            if (data / "clothing" / "images" / r["file"]).exists()]


def describe_inputs(paths: list[Path], cache_dir: Path | None) -> list[dict]:
    """What the picture analyzer gives ``describe`` for every file, through the app's path
    for a dropped file (faces, then the picture analyzer), cached by sha256 per version."""
    import pose_desktop.analysis.picture as picture_module
    from pose_desktop.analysis.runner import analyze_image
    from pose_desktop.inference.decode import decode_image
    from pose_desktop.services import Library

    with tempfile.TemporaryDirectory() as tmp, Library(Path(tmp) / "c.sqlite") as lib:
        graph = lib.context.models.get(["faces", "picture"])
        version = "|".join(f"{a.name}={a.version}".replace(f"+{picture_module.CLOTHES_VERSION}", "") for a in graph)
        key = hashlib.sha256(version.encode()).hexdigest()[:16]
        file = cache_dir / f"inputs-{key}.npz" if cache_dir is not None else None
        known: dict[str, dict] = {}
        if file is not None and file.exists():
            with np.load(file, allow_pickle=False) as z:
                for i, sha in enumerate(z["sha"]):
                    known[str(sha)] = {"probs": z["probs"][i], "fine": z["fine"][i], "people": bool(z["people"][i]),
                                       "head_only": bool(z["head_only"][i]), "colours": str(z["colours"][i])}
        seen: list[dict] = []
        real = picture_module.describe

        def recording(probs, fine_probs=None, colours=None, *, people=False, head_only=False, scores=None):
            seen.append({"probs": probs.astype(np.float32),
                         "fine": NO_FINE if fine_probs is None else fine_probs.astype(np.float32),
                         "people": bool(people), "head_only": bool(head_only),
                         "colours": json.dumps([[c.name, round(float(c.share), 4)] for c in colours or []])})
            return real(probs, fine_probs, colours, people=people, head_only=head_only, scores=scores)

        side = max(getattr(a, "max_side", 0) for a in graph)
        out, fresh = [], 0
        picture_module.describe = recording
        try:
            for n, path in enumerate(paths):
                sha = hashlib.sha256(path.read_bytes()).hexdigest()
                if sha not in known:
                    seen.clear()
                    _results, failed = analyze_image(decode_image(path, side), graph, str(path))
                    if failed or len(seen) != 1:
                        raise RuntimeError(f"{path}: the picture analysis failed ({failed})")
                    known[sha] = seen[0]
                    fresh += 1
                    if fresh % 100 == 0:
                        print(f"  analysed {n + 1}/{len(paths)}", file=sys.stderr)
                out.append(known[sha] | {"sha": sha})
        finally:
            picture_module.describe = real
    if file is not None and fresh:
        file.parent.mkdir(parents=True, exist_ok=True)
        shas = sorted(known)
        np.savez_compressed(file, sha=np.array(shas), **{
            k: np.array([known[s][k] for s in shas]) for k in ("probs", "fine", "people", "head_only", "colours")})
    return out


# caption words of each garment family (whole words, case-insensitive)
FAMILIES: dict[str, str] = {
    "top": r"(?:t-?|tee |polo |dress |button[- ]down |collared |long[- ]sleeved? |short[- ]sleeved? )?shirts?|"
           r"tees?|(?<!on )(?<!the )(?<!at )tops?(?! of)|tank ?tops?|sweaters?|jerseys?|blouses?|tunics?|"
           r"camisoles?|turtlenecks?|sweatshirts?",
    "outerwear": r"jackets?|coats?|raincoats?|overcoats?|hoodies?|hooded (?:sweatshirt|top|jacket)s?|parkas?|"
                 r"windbreakers?|blazers?|(?<!life )(?<!safety )(?<!life-)vests?|ponchos?|cardigans?|fleeces?",
    "dress": r"dress(?:es)?|gowns?|sundress(?:es)?",
    "skirt": r"skirts?|miniskirts?|tutus?",
    "shorts": r"shorts",
    "pants": r"pants|jeans|trousers|slacks|sweatpants|leggings|overalls|khakis",
    "swim": r"shirtless|bare[- ]chested|topless|no shirts?|without (?:a |his |their )?shirts?|bikinis?|"
            r"swimsuits?|swim ?suits?|bathing suits?|swim(?:ming)? trunks|speedos?|swimwear",
    "hat": r"hats?|caps?|beanies?|helmets?|bandanas?|headbands?|visors?|sombreros?",
    "shoes": r"shoes?|boots?|sneakers?|sandals?|flip[- ]flops?|heels|cleats|skates",
}
# the caption families that confirm each clothing tag the app shows
CONFIRMED_BY: dict[str, frozenset[str]] = {
    **{t: frozenset({"top"}) for t in ("t-shirt", "shirt", "longsleeve", "top")},
    "outwear": frozenset({"outerwear"}), "outerwear": frozenset({"outerwear"}),
    "dress": frozenset({"dress"}), "skirt": frozenset({"skirt"}), "shorts": frozenset({"shorts"}),
    "pants": frozenset({"pants"}), "bottom": frozenset({"shorts", "pants", "skirt"}),
    "hat": frozenset({"hat"}), "shoes": frozenset({"shoes"}),
}
# a tag can be checked where the captions name any garment of its body zone
UPPER_ZONE = frozenset({"top", "outerwear", "dress", "swim"})
LOWER_ZONE = frozenset({"pants", "shorts", "skirt", "dress", "swim"})
ZONE: dict[str, frozenset[str]] = {
    **{t: UPPER_ZONE for t in ("t-shirt", "shirt", "longsleeve", "top", "outwear", "outerwear", "dress")},
    **{t: LOWER_ZONE for t in ("skirt", "shorts", "pants", "bottom")},
    "hat": frozenset({"hat"}), "shoes": frozenset({"shoes"}),
}
UPPER_TAGS = frozenset({"t-shirt", "shirt", "longsleeve", "top", "outwear", "outerwear", "dress"})
# caption colour words -> the app's colour names that agree with them
CAPTION_COLOURS: dict[str, frozenset[str]] = {
    "black": frozenset({"black", "navy"}), "white": frozenset({"white", "grey", "beige"}),
    "grey": frozenset({"grey", "white", "black"}), "gray": frozenset({"grey", "white", "black"}),
    "red": frozenset({"red", "pink", "orange"}), "pink": frozenset({"pink", "red", "purple"}),
    "orange": frozenset({"orange", "red", "yellow"}), "yellow": frozenset({"yellow", "orange", "beige"}),
    "green": frozenset({"green"}), "blue": frozenset({"blue", "navy"}), "navy": frozenset({"navy", "blue"}),
    "purple": frozenset({"purple", "pink", "blue"}), "brown": frozenset({"brown", "beige", "orange"}),
    "tan": frozenset({"beige", "brown"}), "beige": frozenset({"beige", "brown", "white"}),
    "khaki": frozenset({"beige", "brown", "green"}),
}
_COLOUR_WORD = "|".join(CAPTION_COLOURS)


def caption_truth(captions: str) -> tuple[set[str], dict[str, set[str]]]:
    """(families the captions name, family -> the colour words they give it: "a boy in a
    red shirt", "a woman in a black and white dress")."""
    named = {f for f, rx in FAMILIES.items() if re.search(rf"\b(?:{rx})\b", captions, re.I)}
    colours: dict[str, set[str]] = {}
    for f in named:
        pattern = (rf"\b((?:(?:{_COLOUR_WORD})(?:[- ](?:and|&)[- ]|[-/ ,]+)?)+)"
                   rf"(?:(?:striped|plaid|colored|coloured|long|short|sleeved|hooded|light|dark|bright|"
                   rf"and|-)[ -]?){{0,2}}(?:{FAMILIES[f]})\b")
        for m in re.finditer(pattern, captions, re.I):
            colours.setdefault(f, set()).update(w.lower() for w in re.findall(_COLOUR_WORD, m.group(1), re.I))
    return named, colours


GRID = np.round(np.arange(0.0, 0.96, 0.025), 3)
SWIM_GRID = (0.02, 0.05, 0.1, 0.2, 0.3, 0.5)
MIN_TAGS = 5  # a cut needs at least this many checkable tags above it


def shown_garment(inputs: dict, rule) -> tuple[str | None, list[str]]:
    """(the most specific garment the app shows, or None; its colours), by ``describe``."""
    from pose_desktop.tagging.scenes import describe

    fine = None if np.isnan(inputs["fine"]).any() else inputs["fine"]
    colours = _colours(inputs)
    facts = describe(inputs["probs"], fine, colours, people=inputs["people"], head_only=inputs["head_only"],
                     rule=rule)
    tags = [f.name for f in facts.of_kind("clothing")]
    from pose_desktop.vocab.clothing import FINE_CLASSES

    garment = next((t for t in tags if t in FINE_CLASSES), tags[0] if tags else None)
    return garment, [f.name for f in facts.facts if f.kind == "colour"]


def _colours(inputs: dict):
    from pose_desktop.tagging.colours import GarmentColour

    return [GarmentColour(n, s) for n, s in json.loads(inputs["colours"])]


class Photos:
    """The captioned photos' ``describe`` inputs as arrays, and what their captions name."""

    def __init__(self, inputs: list[dict], captions: list[str]):
        from pose_desktop.tagging.clothing_labels import coarse_probs, decide
        from pose_desktop.tagging.scenes import (
            CLOTHING_GATE,
            _accessory_index,
            _swimwear_index,
            scene_scores,
        )
        from pose_desktop.tagging.scenes import wearing_score as worn
        from pose_desktop.vocab.clothing import COARSE_CLASSES, FINE_CLASSES

        self.inputs, self.n = inputs, len(inputs)
        probs = np.stack([x["probs"] for x in inputs])
        fine = np.stack([x["fine"] for x in inputs])
        has = ~np.isnan(fine).any(1)
        fine = np.where(has[:, None], fine, 0.0)
        people = np.array([x["people"] for x in inputs])
        head = np.array([x["head_only"] for x in inputs])
        k, c = decide(fine)
        self.fine = np.array([FINE_CLASSES[i] for i in k])
        self.kind = np.array([COARSE_CLASSES[i] for i in c])
        self.p_fine = fine[np.arange(self.n), k]
        self.p_kind = coarse_probs(fine)[np.arange(self.n), c]
        ok = has & ((worn(scene_scores(probs)) >= CLOTHING_GATE) | people) & (~head | (self.fine == "hat"))
        for f, (idx, cut) in _accessory_index().items():
            ok &= ~((self.fine == f) & (probs[:, idx].sum(1) < cut))
        self.candidate = ok  # a garment is shown where the rule's cuts let it
        self.swim = probs[:, _swimwear_index()].sum(1)
        truth = [caption_truth(cap) for cap in captions]
        self.named = [t[0] for t in truth]
        self.colour_words = [t[1] for t in truth]

    def confirmed(self, i: int, tag: str) -> bool:
        return bool(CONFIRMED_BY[tag] & self.named[i])

    def checkable(self, i: int, tag: str) -> bool:
        return bool(ZONE[tag] & self.named[i])


def pick_cut(score: np.ndarray, right: np.ndarray, target: float) -> float:
    """Lowest ``GRID`` cut where the checkable tags scoring at or above it (``score``, and
    ``right``: the captions confirm it) are at least ``MIN_TAGS`` with precision >= target,
    or fewer with none contradicted (too few to measure: shown where no wrong one is seen,
    so the garment photos' confident classes stay); else ``NEVER``."""
    from pose_desktop.vocab.clothing import NEVER

    for t in GRID:
        m = score >= t
        if (m.sum() >= MIN_TAGS and right[m].mean() >= target) or (m.sum() < MIN_TAGS and right[m].all()):
            return float(t)
    return NEVER


def checked_tags(photos: Photos, idx, score: np.ndarray, tag: str) -> tuple[np.ndarray, np.ndarray]:
    """(score, confirmed) of the photos ``idx`` where ``tag`` shown could be checked."""
    idx = [i for i in idx if photos.checkable(i, tag)]
    return score[idx], np.array([photos.confirmed(i, tag) for i in idx], dtype=bool)


def caption_colours(photos: Photos, i: int, tag: str | None) -> set[str]:
    """The app's colour names that agree with the colours the captions give the garment
    ``tag`` shown on photo ``i`` (empty: the captions do not confirm it or give no colour)."""
    if tag is None or not photos.confirmed(i, tag):
        return set()
    words = set().union(*(photos.colour_words[i].get(f, set()) for f in CONFIRMED_BY[tag]))
    return set().union(*(CAPTION_COLOURS[w.lower()] for w in words))


def choose_rule(photos: Photos, train: np.ndarray, target: float):
    """The ``ClothingRule`` chosen on the photos ``train`` (see the module docstring)."""
    from pose_desktop.vocab.clothing import FINE_CLASSES, NEVER, ClothingRule

    cand = train & photos.candidate
    upper = np.isin(photos.fine, list(UPPER_TAGS))
    swim_named = np.array(["swim" in x for x in photos.named])
    confirmed = np.array([photos.confirmed(i, photos.fine[i]) for i in range(photos.n)])
    swim, gain = None, 0
    for cut in SWIM_GRID:  # contradictions removed less confirmed tags lost
        off = cand & upper & (photos.swim >= cut)
        if int((off & swim_named).sum()) - int((off & confirmed).sum()) > gain:
            swim, gain = cut, int((off & swim_named).sum()) - int((off & confirmed).sum())
    if swim is not None:
        cand = cand & ~(upper & (photos.swim >= swim))
    fine_cuts = {f: pick_cut(*checked_tags(photos, np.flatnonzero(cand & (photos.fine == f)), photos.p_fine, f),
                             target) for f in FINE_CLASSES}
    below = cand & (photos.p_fine < np.array([fine_cuts[f] for f in photos.fine]))
    # dress and outerwear are one class each: their fine cut decides
    type_cuts = {k: pick_cut(*checked_tags(photos, np.flatnonzero(below & (photos.kind == k)), photos.p_kind, k),
                             target) for k in ("top", "bottom")} | {"dress": NEVER, "outerwear": NEVER}
    rule = ClothingRule(fine_cuts, type_cuts, swim)
    shares, right = [], []  # every colour shown with a garment whose colour the captions give
    for i in np.flatnonzero(cand):
        agree = caption_colours(photos, i, shown_garment(photos.inputs[i], rule)[0])
        if agree:
            for c in _colours(photos.inputs[i]):
                shares.append(c.share)
                right.append(c.name in agree)
    return ClothingRule(fine_cuts, type_cuts, swim, pick_cut(np.array(shares), np.array(right, bool), target))


APP_FAMILY = {"t-shirt": "top", "shirt": "top", "longsleeve": "top", "top": "top", "outwear": "outerwear",
              "outerwear": "outerwear", "dress": "dress", "pants": "bottom", "shorts": "bottom", "skirt": "bottom",
              "bottom": "bottom", "hat": "hat", "shoes": "shoes"}


def score(photos: Photos, shown: list[tuple[str | None, list[str]]]) -> dict:
    """Caption-confirmed precision, recall, contradictions and colour agreement of what is
    shown on each photo (``shown_garment``)."""
    by: dict[str, list[int]] = {}  # app family or tag -> [shown, checkable, confirmed]
    colour = [0, 0, 0, 0]  # garments with a caption colour: colours shown, agreeing, garments with one agreeing
    contradictions = swim = 0
    for i, (tag, colours) in enumerate(shown):
        swim += "swim" in photos.named[i]
        if tag is None:
            continue
        contradictions += tag in UPPER_TAGS and "swim" in photos.named[i]
        ok, check = photos.confirmed(i, tag), photos.checkable(i, tag)
        for key in ("all", APP_FAMILY[tag], f"tag:{tag}"):
            c = by.setdefault(key, [0, 0, 0])
            c[0] += 1
            c[1] += check
            c[2] += ok
        agree = caption_colours(photos, i, tag)
        if agree:
            colour[0] += 1
            colour[1] += len(colours)
            colour[2] += len(agree & set(colours))
            colour[3] += bool(agree & set(colours))
    recall = {}
    for fam in ("top", "outerwear", "dress", "skirt", "shorts", "pants", "hat", "shoes"):
        idx = [i for i in range(photos.n) if fam in photos.named[i]]
        hit = sum(1 for i in idx if shown[i][0] is not None and fam in CONFIRMED_BY[shown[i][0]])
        recall[fam] = {"named": len(idx), "shown": hit, "recall": round(hit / max(len(idx), 1), 3)}
    named_any = [i for i in range(photos.n) if photos.named[i] - {"swim"}]
    return {
        "precision": {k: {"shown": s, "checkable": c, "confirmed": ok, "precision": round(ok / max(c, 1), 3),
                          "lower_bound": round(ok / max(s, 1), 3)} for k, (s, c, ok) in sorted(by.items())},
        "recall": recall,
        "any_garment_recall": round(sum(1 for i in named_any if shown[i][0] is not None and photos.confirmed(
            i, shown[i][0])) / max(len(named_any), 1), 3),
        "contradictions": {"swim_named": swim, "upper_shown": int(contradictions),
                           "rate": round(contradictions / max(swim, 1), 3)},
        "colour": {"garments": colour[0], "shown": colour[1], "precision": round(colour[2] / max(colour[1], 1), 3),
                   "garments_with_one_agreeing": colour[3], "recall": round(colour[3] / max(colour[0], 1), 3)},
        "photos_with_garment": sum(t is not None for t, _ in shown),
    }


def clothing_check(inputs: list[dict], labels: list[str], rule) -> dict:
    """Garment photos: own fine class shown, only its type, a wrong garment, none; and
    how many get a colour."""
    from pose_desktop.vocab.clothing import FINE_TO_COARSE

    c = {"fine_right": 0, "type_only_right": 0, "wrong": 0, "none": 0, "with_colour": 0}
    for x, label in zip(inputs, labels, strict=True):
        tag, colours = shown_garment(x, rule)
        c["with_colour"] += bool(colours)
        if tag is None:
            c["none"] += 1
        elif tag == label:
            c["fine_right"] += 1
        elif tag == FINE_TO_COARSE[label]:
            c["type_only_right"] += 1
        else:
            c["wrong"] += 1
    return {"n": len(labels), **c}


def rule_json(rule) -> dict:
    return {"fine_cuts": rule.fine_cuts, "type_cuts": rule.type_cuts, "swim_cut": rule.swim_cut,
            "colour_share": rule.colour_share}


def print_scores(name: str, s: dict) -> None:
    print(f"\n{name}: garment shown on {s['photos_with_garment']} photos")
    print("  shown as     shown  checkable  confirmed  precision  (lower bound)")
    for k, v in s["precision"].items():
        print(f"  {k:12s} {v['shown']:5d}  {v['checkable']:9d}  {v['confirmed']:9d}  {v['precision']:9.3f}  "
              f"({v['lower_bound']:.3f})")
    print("  recall (captions name it -> a tag it confirms): " + ", ".join(
        f"{f} {v['recall']:.3f} ({v['shown']}/{v['named']})" for f, v in s["recall"].items())
          + f"; any named garment {s['any_garment_recall']:.3f}")
    c, col = s["contradictions"], s["colour"]
    print(f"  contradictions: an upper-body garment on {c['upper_shown']} of {c['swim_named']} photos captioned "
          f"shirtless / bikini / swimsuit ({c['rate']:.3f})")
    print(f"  colour: on {col['garments']} confirmed garments whose colour the captions give, {col['shown']} colours "
          f"shown, precision {col['precision']:.3f}; {col['garments_with_one_agreeing']} garments with an agreeing "
          f"one (recall {col['recall']:.3f})")


def main(argv: list[str] | None = None) -> int:
    from pose_desktop.vocab.clothing import SHOWN, ClothingRule

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=REPO.parent / "shared" / "datasets")
    ap.add_argument("--target", type=float, default=0.7, help="checkable caption-confirmed precision per class")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--cache", type=Path, default=CACHE_DIR)
    ap.add_argument("--no-cache", action="store_true")
    args = ap.parse_args(argv)
    cache = None if args.no_cache else args.cache
    rows, garments = captioned_rows(args.data), clothing_rows(args.data)
    if not rows:
        print(f"no captioned photos under {args.data}: nothing to measure")
        print(json.dumps({"data": str(args.data), "error": "no captioned photos"}))
        return 1
    inputs = describe_inputs([p for p, _ in rows] + [p for p, _ in garments], cache)
    cloth_inputs, inputs = inputs[len(rows):], inputs[: len(rows)]
    first: dict[str, int] = {}  # a photo in captioned/ and hashtags/ counts once
    for i, x in enumerate(inputs):
        first.setdefault(x["sha"], i)
    keep = sorted(first.values())
    inputs, captions = [inputs[i] for i in keep], [rows[i][1] for i in keep]
    photos = Photos(inputs, captions)
    before = ClothingRule()
    fold = np.random.default_rng(0).permutation(photos.n) % args.folds
    rules = [choose_rule(photos, fold != f, args.target) for f in range(args.folds)]
    cv = [shown_garment(x, rules[fold[i]]) for i, x in enumerate(inputs)]
    base = [shown_garment(x, before) for x in inputs]
    final = choose_rule(photos, np.ones(photos.n, bool), args.target)
    app = [shown_garment(x, SHOWN) for x in inputs]
    print(f"{photos.n} captioned photos ({len(rows) - photos.n} listed twice); captions name a garment on "
          f"{sum(bool(n - {'swim'}) for n in photos.named)}, swimwear or a bare chest on "
          f"{sum('swim' in n for n in photos.named)}; target precision {args.target} (checkable tags), "
          f"{args.folds}-fold CV. Captions leave much out: every precision is a lower bound.")
    result = {"photos": photos.n, "target": args.target, "folds": args.folds,
              "baseline": score(photos, base), "cv": score(photos, cv), "app": score(photos, app),
              "rule_on_all_photos": rule_json(final), "fold_rules": [rule_json(r) for r in rules],
              "app_rule": rule_json(SHOWN)}
    print_scores("baseline: the rule before (every cut 0, no swimwear guard)", result["baseline"])
    print_scores("chosen rule, 5-fold CV (cuts chosen on 4 folds, scored on the 5th)", result["cv"])
    print_scores("the app's rule (vocab.clothing.SHOWN), on all photos (in-sample)", result["app"])
    print(f"\nrule chosen on all photos: {rule_json(final)}")
    changed = sum(a != b for a, b in zip(base, app, strict=True))
    print(f"the app's rule changes the garment or colours shown on {changed} of {photos.n} photos, the garment on "
          f"{sum(a[0] != b[0] for a, b in zip(base, app, strict=True))}")
    if garments:
        labels = [lab for _, lab in garments]
        result["clothing_set"] = {"baseline": clothing_check(cloth_inputs, labels, before),
                                  "app": clothing_check(cloth_inputs, labels, SHOWN),
                                  "chosen": clothing_check(cloth_inputs, labels, final)}
        for name, v in result["clothing_set"].items():
            print(f"clothing set ({v['n']} garment photos, trained on: in-sample), {name}: own class "
                  f"{v['fine_right']}, its type only {v['type_only_right']}, wrong {v['wrong']}, none {v['none']}; "
              f"a colour named on {v['with_colour']}")
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
