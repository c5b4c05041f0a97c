"""One declared scale per benchmark, and the conversion of reported scores to it.

Sources report the same benchmark on different scales (IFEval as 0.856 in one vendor table and 84.59 in
another; MT-Bench as 8.3 or as 83.25). ``score`` in ``benchmark_scores`` is always on the benchmark's
declared scale (:data:`DECLARED`); the value as published stays in ``reported_score`` with its
``reported_scale``, ``rescaled`` flags a converted row, and ``scale_basis`` says how the reported
scale was known: stated by the source, or read from the values of the whole table column (every value
within 0-1 on a 0-100 benchmark, every value above 10 on a 1-10 judge benchmark). A row whose scale
cannot be decided, or whose benchmark has no declared scale, is left out and counted, never guessed.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from collectors.base import Parsed


@dataclass(frozen=True)
class Scale:
    """A scale scores are published on; ``unit`` is the label of ``benchmark_scores.unit``."""

    unit: str
    low: float
    high: float


PERCENT = Scale("score (0-100)", 0.0, 100.0)
FRACTION = Scale("fraction (0-1)", 0.0, 1.0)
JUDGE = Scale("judge score (1-10)", 0.0, 10.0)  # 0 where the judge's answer could not be parsed
JUDGE_X10 = Scale("judge score x 10 (0-100)", 0.0, 100.0)
ECI = Scale("ECI points", float("-inf"), float("inf"))
OPEN_LLM = Scale("normalised score (0-100)", 0.0, 100.0)  # the leaderboard's own rescaling above chance

#: (reported, declared) -> factor.
CONVERSIONS = {(FRACTION, PERCENT): 100.0, (JUDGE_X10, JUDGE): 0.1}

#: Spelling variants of one benchmark across sources -> the name used.
ALIASES = {"GPQA-Diamond": "GPQA Diamond", "SWE-Bench Verified": "SWE-bench Verified", "Ko-MT-Bench": "KoMT-Bench"}

_JUDGED = ("MT-Bench", "KoMT-Bench", "LogicKor", "Chatbot Arena table: MT-bench",
           *(f"LogicKor: {c}" for c in ("reasoning", "math", "writing", "coding", "understanding", "grammar",
                                        "single turn", "multi turn", "overall")))
_PERCENT = (
    "AA-LCR", "AIME 2025", "BrowseComp", "CLIcK", "FrontierMath", "FunctionChatBench", "GPQA Diamond", "GSM8K",
    "GSM8K (0-shot)", "HAE-RAE", "HMMT Nov 2025", "HRM8K", "HumanEval", "HumanEval+", "Humanity's Last Exam",
    "IFBench", "IFEval", "IMO-AnswerBench", "KGC-Safety", "KMMLU", "KMMLU (0-shot, CoT)", "KMMLU-Pro", "Ko-IFEval",
    "Ko-LongBench", "KoBALT", "LiveBench (2024.11)", "LiveCodeBench (2024.10~2025.04)",
    "LiveCodeBench Pro 25Q2 (Medium)", "LiveCodeBench v6", "LongBench<128K", "MATH", "MBPP", "MBPP+", "MMLU",
    "MMLU (0-shot, CoT)", "MMLU-Pro", "MMMLU", "OpenAI-MRCR", "SWE-bench Verified", "Terminal-Bench 2.0",
    "WildBench", "Wild-Jailbreak", "WMT24++", "τ2-Bench (Airline)", "τ2-Bench (Retail)", "τ2-Bench (Telecom)",
    "Chatbot Arena table: MMLU",
    *(f"HAE-RAE Bench preview: {c}" for c in ("History", "KLAT (reading comprehension)", "Loan Words",
                                              "Rare Words", "Standard Nomenclature")),
)
_OPEN_LLM = tuple(f"Open LLM Leaderboard v2: {b}" for b in ("IFEval", "BBH", "MATH Lvl 5", "GPQA", "MUSR", "MMLU-PRO",
                                                            "Average"))

#: The declared scale of every benchmark loaded (by its name after ALIASES).
DECLARED: dict[str, Scale] = {**dict.fromkeys(_PERCENT, PERCENT), **dict.fromkeys(_JUDGED, JUDGE),
                              **dict.fromkeys(_OPEN_LLM, OPEN_LLM), "Epoch Capabilities Index": ECI}

STATED = "stated by the source"
COLUMNS = ("reported_score", "reported_scale", "rescaled", "scale_basis")


def name(benchmark: str) -> str:
    """The benchmark's name as loaded (spelling variants unified)."""
    return ALIASES.get(benchmark, benchmark)


def infer(benchmark: str, values: pd.Series) -> tuple[Scale | None, str]:
    """The scale of one table column of a benchmark (the values a source lists together), from its values,
    or None when they do not decide it; and the basis, for ``scale_basis``."""
    declared = DECLARED[benchmark]
    low, high = float(values.min()), float(values.max())
    if declared is PERCENT:
        if high <= 1 and len(values) >= 2 and low >= 0:
            return FRACTION, f"inferred: all {len(values)} values of the table column are within 0-1"
        if 1 < high <= 100 and low >= 0:
            return PERCENT, f"inferred: values of the table column up to {high:g}"
    elif declared is JUDGE:
        if low >= 0 and high <= 10:
            return JUDGE, f"inferred: all {len(values)} values of the table column are within 0-10"
        if low > 10 and high <= 100:
            return JUDGE_X10, f"inferred: all {len(values)} values of the table column are within 10-100"
    return None, ""


def normalise(frame: pd.DataFrame, parsed: Parsed, reported: list[Scale | None],
              basis: list[str] | str = STATED) -> pd.DataFrame:
    """``frame`` (benchmark_scores rows; ``score`` as reported) with ``score`` on each benchmark's declared
    scale and the reported value kept. Rows of an undeclared benchmark, or of an unknown reported scale, or
    whose value lies outside the reported scale, are dropped and counted in ``parsed``."""
    if frame.empty:
        return frame.assign(**dict.fromkeys(COLUMNS))
    renamed = frame.loc[frame["benchmark"].isin(list(ALIASES)), "benchmark"].value_counts().sort_index()
    if not renamed.empty:
        parsed.notes.append("benchmark names unified: " + "; ".join(f"{b} -> {ALIASES[b]}: {n:,}"
                                                                    for b, n in renamed.items()))
    frame = frame.assign(benchmark=frame["benchmark"].map(name))
    reported = pd.Series(reported, index=frame.index, dtype=object)
    basis = pd.Series(basis, index=frame.index, dtype=object)
    declared = frame["benchmark"].map(DECLARED)
    keep = pd.Series(True, index=frame.index)
    for benchmark in sorted(frame.loc[declared.isna(), "benchmark"].unique()):
        rows = int((frame["benchmark"] == benchmark).sum())
        parsed.drop(f"benchmark {benchmark!r} has no declared scale (collectors/benchmarks.py)", rows)
    keep &= declared.notna()
    unknown = keep & reported.isna()
    for benchmark, rows in frame.loc[unknown, "benchmark"].value_counts().sort_index().items():
        parsed.drop(f"scale of {benchmark} scores cannot be decided from the source or its values", int(rows))
    keep &= ~unknown
    rows = frame.index[keep]
    triples = list(zip(reported[rows], declared[rows], frame.loc[rows, "score"], strict=True))
    outside = pd.Series(False, index=frame.index)
    outside[rows] = [not scale.low <= score <= scale.high for scale, _, score in triples]
    factors = [1.0 if scale is target else CONVERSIONS.get((scale, target)) for scale, target, _ in triples]
    for benchmark, rows in frame.loc[outside, "benchmark"].value_counts().sort_index().items():
        parsed.drop(f"{benchmark} score outside its reported scale", int(rows))
    factor = pd.Series(factors, index=frame.index[keep], dtype=float)
    if factor.isna().any():
        i = factor[factor.isna()].index[0]
        raise ValueError(f"no conversion from {reported[i].unit} to {declared[i].unit}")
    keep &= ~outside
    out = frame[keep].copy()
    factor = factor[keep[keep].index]
    out["reported_score"] = out["score"]
    out["reported_scale"] = [s.unit for s in reported[out.index]]
    out["score"] = out["score"].where(factor == 1.0, (out["score"] * factor).round(10))  # 0.856 -> 85.6
    out["unit"] = [s.unit for s in declared[out.index]]
    out["rescaled"] = factor != 1.0
    out["scale_basis"] = basis[out.index]
    rescaled = out[out["rescaled"]]
    if not rescaled.empty:
        counts = rescaled.groupby(["benchmark", "reported_scale"]).size()
        parsed.notes.append("scores rescaled to the benchmark's declared scale (reported value kept in "
                            "reported_score): " + "; ".join(f"{b} from {s}: {n:,}" for (b, s), n in counts.items()))
    return out
