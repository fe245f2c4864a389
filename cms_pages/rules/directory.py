"""The service-centre directory: filtering by town and accessibility features, with facet counts."""
import re
from dataclasses import dataclass


@dataclass
class DirectoryResult:
    centres: list
    towns: list          # (town, count, selected)
    features: list       # (code, label, count, selected)
    selected_towns: list
    selected_features: list


def _matches(centre, towns, features):
    return (not towns or centre.town in towns) and all(getattr(centre, f, False) for f in features)


def filter_centres(centres, towns, features, feature_choices):
    """Centres in any of ``towns`` (all if none) having every one of ``features``.

    Unknown feature codes are dropped rather than refused: a stale bookmark still works.
    Counts tell, for each checkbox, how many centres the list would show if it were ticked too.
    """
    centres = list(centres)
    known = dict(feature_choices)
    features = [f for f in dict.fromkeys(features) if f in known]
    towns = [t for t in dict.fromkeys(towns) if t]
    all_towns = sorted({c.town for c in centres if c.town})
    town_rows = [
        (town, sum(1 for c in centres if c.town == town and _matches(c, [], features)), town in towns)
        for town in all_towns
    ]
    feature_rows = [
        (code, label, sum(1 for c in centres if _matches(c, towns, {*features, code})), code in features)
        for code, label in feature_choices
    ]
    return DirectoryResult(
        centres=[c for c in centres if _matches(c, towns, features)],
        towns=town_rows, features=feature_rows, selected_towns=towns, selected_features=features,
    )


def phone_links(phones):
    """[(shown text, tel: target)] from the free-text phones field ("8 (8182) 63-60-60, ...")."""
    result = []
    for part in re.split(r"[,;\n]", phones or ""):
        text = part.strip()
        if not text:
            continue
        digits = re.sub(r"[^\d+]", "", text)
        if len(re.sub(r"\D", "", digits)) >= 5:
            result.append((text, digits))
    return result
