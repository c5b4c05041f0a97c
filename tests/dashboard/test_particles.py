"""Korean particles after a value take the form the word needs ("한국은", "대만이", "미국을", "일본과")."""

from __future__ import annotations

import pytest

from dashboard.i18n import particles, t


@pytest.mark.parametrize(("text", "expected"), [
    ("한국은(는) 2위", "한국은 2위"),          # 국: a final consonant
    ("대만이(가) 한국을 추월", "대만이 한국을 추월"),
    ("독일은(는) 3위", "독일은 3위"),
    ("미국을(를) 넘어섭니다", "미국을 넘어섭니다"),
    ("중국와(과) 일본", "중국과 일본"),
    ("이스라엘을(를)", "이스라엘을"),
    ("캐나다은(는) 5위", "캐나다는 5위"),        # 다: no final consonant
    ("캐나다이(가) 앞섬", "캐나다가 앞섬"),
    ("캐나다을(를)", "캐나다를"),
    ("OECD은(는)", "OECD은(는)"),              # not a Hangul syllable: both forms stay
    ("(KOR)을(를)", "(KOR)을(를)"),
])
def test_a_particle_written_both_ways_takes_the_form_of_its_word(text, expected):
    assert particles(text) == expected


def test_translated_texts_choose_their_particles_in_korean_only():
    assert t("catchup.odds", "ko", peer="캐나다") == "연도별 한국이 캐나다를 추월했을 확률"
    assert t("catchup.odds", "ko", peer="대만") == "연도별 한국이 대만을 추월했을 확률"
    assert t("catchup.odds", "en", peer="Taiwan") == "Probability that Korea has passed Taiwan, by year"
