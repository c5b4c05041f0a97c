"""What the sources say about a scored model beyond its score: release, size and open weights (from its name
and the warehouse's model lists, by declared rules), and the Korean names and licences of the Korean
catalogue's models. Used by the models page's leaderboard and catalogue."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from dashboard import data

#: Release, size and openness of the models the warehouse lists (Epoch AI's lists, the Korean catalogue).
MODEL_FACTS = data.Query("models.model_facts", """
SELECT model, collection, published, parameters, open_weights, source_id
FROM ai_models
WHERE published IS NOT NULL OR parameters IS NOT NULL
ORDER BY collection = 'korea_catalogue' DESC, published NULLS LAST""")

#: Licences as the catalogue's notes name them (first match), else "not stated".
LICENCES = (
    (r"cc-by-nc-nd-4", "CC BY-NC-ND 4.0"), (r"K-EXAONE licen[cs]e", "K-EXAONE licence"),
    (r"EXAONE licen[cs]e", "EXAONE licence"), (r"\bMIT licen[cs]e", "MIT"),
    (r"hyperclovax-seed'? licen[cs]e", "HyperCLOVA X SEED licence"), (r"Qwen licen[cs]e", "Qwen licence"),
    (r"Upstage Solar License", "Upstage Solar License"), (r"Apache-2\.0", "Apache-2.0"),
    (r"research use", "research use (per the model card)"),
)
#: Korean names of makers and model families, where known (English names as the sources write them).
MAKERS_KO = {
    "Naver": "네이버", "Naver Cloud": "네이버클라우드", "Kakao": "카카오", "Kakao Brain": "카카오브레인",
    "LG AI Research": "LG AI연구원", "NCSOFT (later NC AI)": "엔씨소프트(현 NC AI)", "NCSOFT": "엔씨소프트",
    "Samsung Research": "삼성리서치", "Upstage": "업스테이지", "upstage": "업스테이지", "Trillion Labs": "트릴리온랩스",
    "SK Telecom": "SK텔레콤", "SK Telecom consortium": "SK텔레콤 컨소시엄", "yanolja": "야놀자",
    "LGAI-EXAONE": "LG AI연구원", "nlpai-lab": "고려대 NLP&AI 연구실",
}
FAMILIES_KO = (("HyperCLOVA X", "하이퍼클로바X"), ("HyperCLOVA", "하이퍼클로바"), ("K-EXAONE", "K-엑사원"),
               ("EXAONE", "엑사원"), ("Mi:dm", "믿:음"), ("VARCO", "바르코"), ("Samsung Gauss", "삼성 가우스"),
               ("SOLAR", "솔라"), ("Solar", "솔라"), ("Kanana", "카나나"), ("A.X", "에이닷엑스"))


# Facts about a scored model that benchmark_scores does not hold (release, size, open weights) come from its
# name and from the warehouse's model lists (ai_models), by declared rules; each row says which one (basis).

_DATE = re.compile(r"(20\d\d)[-_]?(0[1-9]|1[0-2])[-_]?(0[1-9]|[12]\d|3[01])(?!\d)")
_EXPERTS = re.compile(r"(?<![a-z0-9.])(\d+)x(\d+(?:\.\d+)?)b(?![a-z])")
_SIZE = re.compile(r"(?<![a-z0-9.])(\d+(?:\.\d+)?)b(?![a-z])")
_WORDS = re.compile(r"[\s/_-]+")
_DROPPED = {"instruct", "inst", "inst.", "chat", "it", "hf"}


def _tokens(name: str) -> list[str]:
    """A model name's words, lower case, without its Hugging Face namespace, a date and chat/instruct tags."""
    text = _DATE.sub(" ", name.split("/")[-1].lower())
    words = [w.strip(".,()*†") for w in _WORDS.split(text)]
    words = [w for w in words if w and w not in _DROPPED]
    return words[1:] if words[:1] == ["meta"] and len(words) > 1 else words


def name_key(name: str) -> str:
    """The name as compared with the model lists: its words (``_tokens``) without punctuation, run together."""
    return re.sub(r"[^a-z0-9]", "", "".join(_tokens(name)))


def family_words(catalogue_name: str) -> list[str]:
    """A catalogue entry's family and version words: the name before a bracket or slash, up to its first size."""
    head = re.split(r" \(| /", catalogue_name)[0]
    head = re.split(r"\s\d+(?:\.\d+)?[BM]\b", head)[0]
    return [w for w in _tokens(head) if w]


def _in_order(words: list[str], within: list[str]) -> bool:
    if not words or not within or words[0] != within[0]:
        return False
    rest = iter(within[1:])
    return all(any(w == x for x in rest) for w in words[1:])


def name_size(name: str) -> float | None:
    """Parameters stated in a model's name (largest; "8x22b" as 176e9; "A14B" active counts ignored)."""
    text = name.split("/")[-1].lower()
    experts = [float(n) * float(m) for n, m in _EXPERTS.findall(text)]
    sizes = experts or [float(s) for s in _SIZE.findall(_EXPERTS.sub(" ", text))]
    return max(sizes) * 1e9 if sizes else None


def name_date(name: str) -> pd.Timestamp | None:
    found = _DATE.search(name)
    if not found:
        return None
    try:
        return pd.Timestamp(f"{found[1]}-{found[2]}-{found[3]}")
    except ValueError:
        return None


@dataclass(frozen=True)
class Facts:
    released: pd.Timestamp | None
    release_basis: str
    parameters: float | None
    open_weights: str
    matched: str
    source_id: str | None


def _model_lists() -> tuple[dict[str, dict], list[tuple[list[str], dict]]]:
    """(model lists by name key, first listing kept; Korean catalogue entries with their family words), once per
    published version."""
    return _lists_of(data.version())


@lru_cache(maxsize=4)
def _lists_of(version: str) -> tuple[dict[str, dict], list[tuple[list[str], dict]]]:
    frame = data.fetch(MODEL_FACTS)
    exact: dict[str, dict] = {}
    families = []
    for row in frame.to_dict("records"):
        exact.setdefault(name_key(row["model"]), row)
        if row["collection"] == "korea_catalogue":
            families.append((family_words(row["model"]), row))
    return exact, families


def model_facts(name: str, released: object = None) -> Facts:
    """Release, size and openness of a scored model. Release: the score row's own ``released``, else a date in
    the name, else the model lists' (same name key, else the Korean catalogue entry whose family and version
    words begin the name, the most words winning). Size: stated in the name, else the same-name listing's.
    Open weights: the listing's, else unknown."""
    exact, families = _model_lists()
    row = exact.get(name_key(name))
    family = None
    if row is None:
        words = _tokens(name)
        fits = [(len(w), r) for w, r in families if _in_order(w, words)]
        family = max(fits, key=lambda f: f[0])[1] if fits else None
    listed = row or family
    date, basis = (pd.Timestamp(released), "source") if pd.notna(released) else (name_date(name), "name")
    if date is None and listed is not None and pd.notna(listed["published"]):
        date, basis = pd.Timestamp(listed["published"]), "listed" if row is not None else "family"
    if date is None:
        basis = "none"
    size = name_size(name)
    if size is None and row is not None and pd.notna(row["parameters"]):
        size = float(row["parameters"])
    weights = str(row["open_weights"]) if row is not None and pd.notna(row["open_weights"]) else "unknown"
    return Facts(date, basis, size, weights, listed["model"] if listed is not None else "",
                 listed["source_id"] if listed is not None else None)


def licence(notes: object) -> str | None:
    """The licence the catalogue's notes name (``LICENCES``), or None."""
    text = notes if isinstance(notes, str) else ""
    return next((name for pattern, name in LICENCES if re.search(pattern, text, re.IGNORECASE)), None)


def korean_name(model: str) -> str:
    """The Korean name of a model's family, where known (``FAMILIES_KO``), else ""."""
    return next((ko for en, ko in FAMILIES_KO if model.startswith(en)), "")
