"""Home countries of AI developers, for leaderboards that name only the organisation (or the Hugging
Face namespace). Unknown organisations get no country rather than a guess."""

from __future__ import annotations

_BY_COUNTRY = {
    "KOR": ["lgai-exaone", "lg ai research", "upstage", "upstage ai", "ncsoft", "nc ai", "beomi", "yanolja",
            "kakaocorp", "kakao", "kakaobrain", "kakao brain", "naver", "naver-hyperclovax", "naver cloud", "skt",
            "sk telecom", "kt", "kt-ai", "trillionlabs", "trillion labs", "mlp-ktlim", "bllossom", "42dot",
            "maywell", "davidkim205", "instructkr", "saltlux", "konan", "krafton", "samsung", "sktbrain"],
    "USA": ["openai", "anthropic", "google", "google deepmind", "meta", "meta-llama", "facebook", "microsoft",
            "nvidia", "ibm", "ibm-granite", "amazon", "xai", "allenai", "allen ai", "ai2", "allenai/uw", "uw",
            "huggingface", "huggingfacetb", "databricks", "salesforce", "snowflake", "nousresearch", "princeton",
            "princeton-nlp", "stanford", "uc berkeley", "ucsd", "lmsys", "mosaicml", "reka ai", "perplexity ai",
            "together ai", "togethercomputer", "nomic ai", "nexusflow", "h2oai", "snorkel ai",
            "cognitive computations", "cognitivecomputations", "eleutherai", "apple", "recraft"],
    "CHN": ["qwen", "alibaba", "aliaba", "deepseek", "deepseek ai", "deepseek-ai", "01 ai", "01-ai", "tencent",
            "zhipu", "zhipu ai", "thudm", "stepfun", "tsinghua", "internlm", "openbmb", "baichuan-inc",
            "opengvlab", "moonshot ai", "minimax", "bytedance"],
    "FRA": ["mistral", "mistralai", "mistral ai"],
    "CAN": ["cohere", "cohereforai", "cohere for ai"],
    "ARE": ["tii", "tiiuae"],
    "ISR": ["ai21 labs", "ai21labs"],
    "DEU": ["black forest labs"],
    "GBR": ["stability ai", "stabilityai"],
    "JPN": ["sakana ai", "sakanaai", "pfnet", "preferred networks", "cyberagent", "elyza"],
}
COUNTRY_OF = {name: iso3 for iso3, names in _BY_COUNTRY.items() for name in names}


def country_of(organization: str | None) -> str | None:
    """ISO3 of a known developer (case-insensitive; a Hugging Face ``org/model`` id works too)."""
    if not organization:
        return None
    name = organization.strip().lower()
    return COUNTRY_OF.get(name) or COUNTRY_OF.get(name.split("/")[0])
