"""Every user-facing text of the app in Korean and English, and number and date formats per language."""

from __future__ import annotations

import math
import re
from datetime import date, datetime

LANGUAGES = ("ko", "en")
DEFAULT_LANGUAGE = "ko"

TEXT: dict[str, dict[str, str]] = {
    "app.title": {"en": "Korea AI Monitor", "ko": "한국 AI 모니터"},
    "app.tagline": {"en": "Where South Korea stands in the global AI race, and where it is heading",
                    "ko": "글로벌 AI 경쟁에서 한국의 위치와 향후 전망"},
    "app.language": {"en": "한국어", "ko": "English"},
    # The language switch's accessible name: in the language it switches to, then that language named in the page's.
    "app.language.switch": {"en": "한국어로 보기", "ko": "View in English"},
    "app.language.target": {"en": "Korean", "ko": "영어"},
    # The two thumbs (and number boxes) of a range slider, after the control's label: "Years: from".
    "a11y.range.from": {"en": "from", "ko": "시작"},
    "a11y.range.to": {"en": "to", "ko": "끝"},
    # A card's table view, after the card's name: "Trend: table".
    "a11y.table": {"en": "table", "ko": "표"},
    "app.skip": {"en": "Skip to content", "ko": "본문으로 건너뛰기"},
    "app.footer": {"en": "Data: World Bank, OECD, UN Comtrade, Epoch AI, CSET and others; see Sources. "
                         "Works offline.",
                   "ko": "자료: 세계은행, OECD, UN Comtrade, Epoch AI, CSET 등(출처 페이지 참조). 오프라인에서 작동합니다."},
    "nav.overview": {"en": "Overview", "ko": "한눈에 보기"},
    "nav.rd": {"en": "R&D", "ko": "연구개발"},
    "nav.semis": {"en": "Semiconductors", "ko": "반도체"},
    "nav.funding": {"en": "Startup funding", "ko": "스타트업 투자"},
    "nav.models": {"en": "AI models & benchmarks", "ko": "AI 모델·벤치마크"},
    "nav.compare": {"en": "Compare", "ko": "비교"},
    "nav.policy": {"en": "Policy timeline", "ko": "정책 연표"},
    "nav.sql": {"en": "SQL", "ko": "SQL"},
    "nav.sources": {"en": "Sources", "ko": "출처"},
    # --- Korean-language leaderboard (models page) ---
    "lb.title": {"en": "Korean-language leaderboard", "ko": "한국어 벤치마크 리더보드"},
    "lb.rule": {"en": "Korean benchmarks are those the mirror's catalogue of Korean-language benchmarks lists "
                      "(korea_models/benchmarks.md). A model is Korean when its developer's country is Korea in the "
                      "reviewed organisations table (collectors/organisations.csv, benchmark_scores.country_iso3); "
                      "global when it is another country; a developer the table lacks is shown as 'country not "
                      "known' and counted on neither side of the gap. Each score is on the benchmark's declared "
                      "scale and labelled independent (community or third-party evaluation) or vendor-reported (the "
                      "developer's own table, prompts and judges): compare within one reporter where you can. One "
                      "row per model and reporter: its best score among that reporter's settings (named). Release "
                      "date, size and open weights come from the score row, the model's name (a date or size in "
                      "it) or the warehouse's model lists (Epoch AI, the Korean catalogue) by name.",
                "ko": "한국어 벤치마크는 미러의 한국어 벤치마크 목록(korea_models/benchmarks.md)에 있는 것입니다. "
                      "개발 기관의 국가가 검토된 기관 표(collectors/organisations.csv, benchmark_scores.country_iso3)에서 "
                      "한국이면 한국 모델, 다른 나라면 해외 모델입니다. 표에 없는 개발 기관은 '국가 미상'으로 표시하고 "
                      "격차 계산에는 넣지 않습니다. 모든 점수는 벤치마크별로 정해진 척도이며, 독립 평가(커뮤니티·제3자)인지 "
                      "개발사 자체 발표(개발사의 표·프롬프트·채점 모델)인지 표시합니다. 가능하면 같은 발표 주체 안에서 "
                      "비교하십시오. 모델·발표 주체마다 한 행이며, 그 주체의 여러 평가 설정 중 가장 높은 점수(설정 명시)를 "
                      "씁니다. 공개일·규모·가중치 공개 여부는 점수 행, 모델 이름(이름 속 날짜·규모) 또는 창고의 모델 목록"
                      "(Epoch AI, 한국 모델 목록)에서 이름으로 찾습니다."},
    "lb.board": {"en": "Korean-language leaderboard", "ko": "한국어 벤치마크 리더보드"},
    "lb.board.title": {"en": "{benchmark}: Korean and global models", "ko": "{benchmark}: 한국 모델과 해외 모델"},
    "lb.gap": {"en": "Best Korean vs best global model by release", "ko": "공개 시점별 한국 최고 모델과 해외 최고 모델"},
    "lb.gap.title": {"en": "{benchmark}: best Korean and best global model by release",
                     "ko": "{benchmark}: 공개 시점별 한국·해외 최고 모델"},
    "lb.option": {"en": "{name} ({n} scores, {k} Korean)", "ko": "{name} (점수 {n}개, 한국 {k}개)"},
    "lb.control.benchmark": {"en": "Korean benchmark", "ko": "한국어 벤치마크"},
    "lb.control.by": {"en": "Evaluated by", "ko": "평가 주체"},
    "lb.control.open": {"en": "Open weights", "ko": "가중치 공개"},
    "lb.control.size": {"en": "Size (parameters)", "ko": "규모(파라미터 수)"},
    "lb.by.independent": {"en": "independent", "ko": "독립 평가"},
    "lb.by.vendor": {"en": "vendor-reported", "ko": "개발사 발표"},
    "lb.open.all": {"en": "All", "ko": "전체"},
    "lb.open.yes": {"en": "Yes", "ko": "공개"},
    "lb.open.no": {"en": "No", "ko": "비공개"},
    "lb.open.partial": {"en": "Some sizes", "ko": "일부 규모만 공개"},
    "lb.open.unknown": {"en": "Not known", "ko": "알 수 없음"},
    "lb.size.lt10": {"en": "under 10B", "ko": "100억 미만"},
    "lb.size.10to40": {"en": "10–40B", "ko": "100억~400억"},
    "lb.size.40to100": {"en": "40–100B", "ko": "400억~1,000억"},
    "lb.size.ge100": {"en": "100B and more", "ko": "1,000억 이상"},
    "lb.size.unknown": {"en": "size not known", "ko": "규모 미상"},
    "lb.group.korean": {"en": "Korean", "ko": "한국"},
    "lb.group.global": {"en": "global", "ko": "해외"},
    "lb.group.unknown": {"en": "country not known", "ko": "국가 미상"},
    "lb.best.korean": {"en": "Best Korean model so far", "ko": "그때까지의 한국 최고 모델"},
    "lb.best.global": {"en": "Best global model so far", "ko": "그때까지의 해외 최고 모델"},
    "lb.col.group": {"en": "Korean or global", "ko": "한국·해외"},
    "lb.col.score": {"en": "Score ({unit})", "ko": "점수({unit})"},
    "lb.col.by": {"en": "Evaluated by", "ko": "평가 주체"},
    "lb.col.reporter": {"en": "Reported by", "ko": "발표처"},
    "lb.col.setting": {"en": "Setting", "ko": "평가 설정"},
    "lb.col.maker_ko": {"en": "Developer (Korean)", "ko": "개발 기관(한글)"},
    "lb.col.model_ko": {"en": "Model (Korean)", "ko": "모델(한글)"},
    "lb.col.korean_model": {"en": "Best Korean model", "ko": "한국 최고 모델"},
    "lb.col.korean_best": {"en": "Its score", "ko": "한국 최고 점수"},
    "lb.col.global_model": {"en": "Best global model", "ko": "해외 최고 모델"},
    "lb.col.global_best": {"en": "Its score", "ko": "해외 최고 점수"},
    "lb.col.gap": {"en": "Gap (Korean − global)", "ko": "격차(한국 − 해외)"},
    "lb.col.link": {"en": "Link", "ko": "링크"},
    "lb.link": {"en": "source", "ko": "출처"},
    "lb.licence.none": {"en": "not stated", "ko": "명시 안 됨"},
    "lb.catalogue": {"en": "Korean models: maker, release, size, licence and link",
                     "ko": "한국 모델: 개발 기관, 공개일, 규모, 이용 조건, 링크"},
    "lb.catalogue.rule": {"en": "{n} models of the Korean model catalogue whose developer is Korean in the reviewed "
                                "organisations table (Polyglot-Ko, by EleutherAI, is left out). Size: the largest "
                                "stated. Licence: as the catalogue's notes name it. Links are plain: nothing is "
                                "fetched from them.",
                          "ko": "한국 모델 목록 중 검토된 기관 표에서 개발 기관이 한국인 모델 {n}개(EleutherAI의 "
                                "Polyglot-Ko 제외). 규모: 밝혀진 가장 큰 규모. 이용 조건: 목록의 비고에 적힌 대로. "
                                "링크는 일반 링크이며 미리 불러오지 않습니다."},
    "describe.board": {"en": "{title}: {n} models ({korean} Korean, {global_} global, {unknown} country not known); "
                             "{independent} independent and {vendor} vendor-reported scores, on one scale ({unit}).",
                       "ko": "{title}: 모델 {n}개(한국 {korean}, 해외 {global_}, 국가 미상 {unknown}), 독립 평가 "
                             "{independent}개·개발사 발표 {vendor}개, 같은 척도({unit})."},
    "describe.board_best": {"en": "Best: {model} ({group}, {by}) {score}.",
                            "ko": "1위: {model}({group}, {by}) {score}."},
    "describe.board_best_korean": {"en": "Best Korean: {model} ({by}) {score}, {rank} of {n}.",
                                   "ko": "한국 최고: {model}({by}) {score}, {n}개 중 {rank}위."},
    "describe.board_best_global": {"en": "Best global: {model} ({by}) {score}, {rank} of {n}.",
                                   "ko": "해외 최고: {model}({by}) {score}, {n}개 중 {rank}위."},
    "describe.board_gap": {"en": "Best Korean minus best global: {gap}.", "ko": "한국 최고 − 해외 최고: {gap}."},
    "describe.board_bars": {"en": "Bars, best first ({n}): {items}.", "ko": "막대(높은 순, {n}개): {items}."},
    "describe.gap": {"en": "{title}: {n} of {total} scores have a release date, {start} to {end}; the lines step up "
                           "at each new best ({unit}).",
                     "ko": "{title}: 점수 {total}개 중 {n}개에 공개일이 있습니다({start}~{end}). 선은 새 최고 점수가 "
                           "나올 때마다 올라갑니다({unit})."},
    "describe.gap_undated": {"en": "{title}: none of the {n} scores' models has a known release date.",
                             "ko": "{title}: 점수 {n}개의 모델 중 공개일을 아는 모델이 없습니다."},
    "describe.gap_one_side": {"en": "Only one side (Korean or global) has dated scores: no gap.",
                              "ko": "한국·해외 중 한쪽에만 공개일이 있는 점수가 있어 격차를 구할 수 없습니다."},
    "describe.gap_first": {"en": "First with both ({date}): {korean} {k} against {global_} {g}, gap {gap}.",
                           "ko": "양쪽 모두 있는 첫 시점({date}): {korean} {k}, {global_} {g}, 격차 {gap}."},
    "describe.gap_reporters": {"en": "The two latest bests come from different reporters ({korean}; {global_}): "
                                     "different prompts, shots and judges.",
                               "ko": "최근 두 최고 점수는 서로 다른 발표처({korean}; {global_})의 값이라 프롬프트·"
                                     "예시 수·채점 모델이 다릅니다."},
    "describe.gap_latest": {"en": "Latest ({date}): best Korean {korean} {k}, best global {global_} {g}, gap {gap}.",
                            "ko": "최근({date}): 한국 최고 {korean} {k}, 해외 최고 {global_} {g}, 격차 {gap}."},
    # --- Catch-up and scenarios (dashboard/pages/catchup.py) ---
    "nav.catchup": {"en": "Catch-up", "ko": "추격 전망"},
    "catchup.intro": {"en": "When does Korea's projected path cross a peer's, and how likely is it to have done so by each year? The probabilities come from both forecasts' calibrated intervals; only skilful forecasts (better than no change in backtests) and years both report are compared.",
                      "ko": "한국의 전망 경로가 비교 국가를 언제 넘어서며, 연도별로 이미 넘어섰을 확률은 얼마일까요? 확률은 두 전망의 보정된 예측 구간에서 계산하며, 백테스트에서 '변화 없음' 예측보다 나은 전망과 두 나라가 모두 보고한 연도만 비교합니다."},
    "catchup.peer": {"en": "Peer", "ko": "비교 국가"},
    "catchup.axis": {"en": "Probability", "ko": "확률"},
    "catchup.odds.card": {"en": "Catch-up odds by year", "ko": "연도별 추월 확률"},
    "catchup.paths.card": {"en": "Projected paths", "ko": "전망 경로"},
    "catchup.chart.none": {"en": "No odds to draw: the reason is stated above.", "ko": "그릴 확률이 없습니다. 이유는 위에 있습니다."},
    "scenario.chart.none": {"en": "No scenario to draw: see the answer above.", "ko": "그릴 시나리오가 없습니다. 위의 답을 보세요."},
    "scenario.card": {"en": "Scenario chart", "ko": "시나리오 차트"},
    "catchup.odds": {"en": "Probability that Korea has passed {peer}, by year", "ko": "연도별 한국이 {peer}을(를) 추월했을 확률"},
    "catchup.odds.overtaken": {"en": "Probability that {peer} has passed Korea, by year", "ko": "연도별 {peer}이(가) 한국을 추월했을 확률"},
    "catchup.by": {"en": "Passed by that year", "ko": "해당 연도까지 추월"},
    "catchup.in": {"en": "Ahead in that year", "ko": "해당 연도에 앞섬"},
    "catchup.paths": {"en": "{indicator}: Korea and {peer}, with forecasts", "ko": "{indicator}: 한국과 {peer}, 전망 포함"},
    "catchup.crosses": {"en": "Korea's projected path crosses {peer}'s in {year} (the first year its mean is higher).", "ko": "한국의 전망 경로는 {year}년에 {peer}을(를) 넘어섭니다(평균 전망치가 처음 더 높은 해)."},
    "catchup.not_within": {"en": "Korea's projected mean stays below {peer}'s through {end}.", "ko": "한국의 평균 전망치는 {end}년까지 {peer}보다 낮습니다."},
    "catchup.ahead": {"en": "Korea is already ahead of {peer}.", "ko": "한국은 이미 {peer}보다 앞서 있습니다."},
    "catchup.passed": {"en": "Probability that Korea has passed {peer}: {items}.", "ko": "한국이 {peer}을(를) 추월했을 확률: {items}."},
    "catchup.overtaken": {"en": "Probability that {peer} has passed Korea: {items}.", "ko": "{peer}이(가) 한국을 추월했을 확률: {items}."},
    "catchup.by_item": {"en": "{p} by {year}", "ko": "{year}년까지 {p}"},
    "catchup.likely": {"en": "More likely than not from {year}.", "ko": "{year}년부터 가능성이 절반을 넘습니다."},
    "catchup.unlikely": {"en": "Less likely than not through {end}.", "ko": "{end}년까지 가능성이 절반에 못 미칩니다."},
    "catchup.gap": {"en": "Gap in {year}, the latest year both report: Korea {value}, {peer} {peer_value}, a difference of {gap} ({share} of {peer}'s value).", "ko": "두 나라가 모두 보고한 최근 연도({year}년)의 격차: 한국 {value}, {peer} {peer_value}, 차이 {gap}({peer} 값 대비 {share})."},
    "catchup.no_gap": {"en": "No year in which both report a complete value: no gap today is stated.", "ko": "두 나라가 모두 완전한 값을 보고한 연도가 없어 현재 격차를 제시하지 않습니다."},
    "catchup.why.no_common_year": {"en": "No catch-up for {peer}: it has no forecast of this indicator that shares a year with Korea's (only like-for-like years are compared).", "ko": "{peer}과(와)의 추격 전망은 없습니다: 한국의 전망과 같은 연도를 포함하는 {peer}의 전망이 없습니다(같은 연도끼리만 비교합니다)."},
    "catchup.why.not_skilful": {"en": "No crossing odds for {peer}: the forecast of {countries} does not beat a no-change forecast in backtests, so its path is not trusted.", "ko": "{peer}과(와)의 추월 확률은 제시하지 않습니다: {countries}의 전망이 백테스트에서 '변화 없음' 예측보다 낫지 않아 신뢰할 수 없습니다."},
    "catchup.why.not_refitted": {"en": "The probabilities for {peer} were stored before they were computed: they appear after the next forecast refit (kaim forecast --force).", "ko": "{peer}과(와)의 확률은 계산 기능 이전에 저장되었습니다. 다음 전망 재추정(kaim forecast --force) 후에 표시됩니다."},
    "catchup.outdated": {"en": "This published version predates the catch-up probabilities: they appear after the next kaim publish and forecast refit (kaim forecast --force).", "ko": "현재 게시 버전은 추월 확률 기능 이전에 만들어졌습니다. 다음 게시와 전망 재추정(kaim forecast --force) 후에 표시됩니다."},
    "catchup.none": {"en": "No indicator has forecasts of Korea and a peer yet (kaim forecast makes them).", "ko": "아직 한국과 비교 국가의 전망이 있는 지표가 없습니다(kaim forecast로 만듭니다)."},
    "catchup.table": {"en": "Every peer on this indicator", "ko": "이 지표의 모든 비교 국가"},
    "catchup.col.status": {"en": "Projection", "ko": "전망"},
    "catchup.col.by": {"en": "Probability of having passed by the last common year", "ko": "마지막 공통 연도까지 추월했을 확률"},
    "catchup.col.gap": {"en": "Gap (Korea minus peer)", "ko": "격차(한국 − 비교 국가)"},
    "catchup.col.share": {"en": "Gap as share of peer", "ko": "비교 국가 대비 격차"},
    "catchup.col.gap_year": {"en": "Gap year", "ko": "격차 기준 연도"},
    "catchup.col.note": {"en": "Counts?", "ko": "비교 여부"},
    "catchup.status.already_ahead": {"en": "Already ahead ({p} that {peer} passes by {year})", "ko": "이미 앞섬({year}년까지 {peer} 추월 확률 {p})"},
    "catchup.status.crosses": {"en": "Crosses in {cross} ({p} by {year})", "ko": "{cross}년 추월({year}년까지 {p})"},
    "catchup.status.not_within_horizon": {"en": "Not by {year} ({p} by then)", "ko": "{year}년까지 추월 못 함(확률 {p})"},
    "catchup.counts": {"en": "yes", "ko": "예"},
    "catchup.reason.not_skilful": {"en": "no: a forecast without skill", "ko": "아니오: 정확도 낮은 전망"},
    "catchup.reason.not_refitted": {"en": "no: refit needed", "ko": "아니오: 재추정 필요"},
    "scenario.title": {"en": "Scenarios: what growth does Korea need?", "ko": "시나리오: 한국에 필요한 성장률은?"},
    "scenario.intro": {"en": "Constant yearly growth from Korea's latest complete value, against the other economies in the target year: each at its skilful forecast for that year (or its last forecast year), otherwise at its latest complete value. The same answers as kaim required-growth.",
                       "ko": "한국의 최근 완전한 값에서 매년 같은 비율로 성장한다고 보고, 목표 연도의 다른 나라들과 비교합니다. 다른 나라는 신뢰할 만한 전망이 있으면 그 연도(또는 마지막 전망 연도)의 전망치, 없으면 최근 완전한 값을 씁니다. kaim required-growth와 같은 답입니다."},
    "scenario.kind": {"en": "Question", "ko": "질문"},
    "scenario.kind.value": {"en": "Growth to reach a value", "ko": "목표값에 필요한 성장률"},
    "scenario.kind.rank": {"en": "Growth to reach a rank", "ko": "목표 순위에 필요한 성장률"},
    "scenario.kind.growth": {"en": "Rank at a growth rate", "ko": "성장률에 따른 순위"},
    "scenario.amount": {"en": "Target value, rank, or growth (% a year)", "ko": "목표값, 순위 또는 연간 성장률(%)"},
    "scenario.year": {"en": "Target year", "ko": "목표 연도"},
    "scenario.answer.value": {"en": "To reach {target} by {year} from {current} in {start}, Korea needs {rate} a year.", "ko": "{start}년 {current}에서 {year}년까지 {target}에 이르려면 한국은 연 {rate} 성장해야 합니다."},
    "scenario.answer.rank": {"en": "To rank {rank} of {n} in {year}, Korea needs {target} (the {rank_word} of the others), so {rate} a year from {current} in {start}.", "ko": "{year}년에 {n}개국 중 {rank}위가 되려면 한국은 {target}(다른 나라 중 {rank}번째 값)이 필요하며, {start}년 {current}에서 연 {rate} 성장해야 합니다."},
    "scenario.answer.growth": {"en": "At {rate} a year from {current} in {start}, Korea reaches {target} by {year}: rank {rank} of {n}.", "ko": "{start}년 {current}에서 연 {rate} 성장하면 한국은 {year}년에 {target}으로 {n}개국 중 {rank}위입니다."},
    "scenario.answer.rank_at": {"en": "That value would rank {rank} of {n}.", "ko": "그 값은 {n}개국 중 {rank}위에 해당합니다."},
    "scenario.projected": {"en": "Korea's forecast grows {rate} a year (to {value} in {year}): {verdict}.", "ko": "한국의 전망은 연 {rate} 성장합니다({year}년 {value}): {verdict}."},
    "scenario.on_track": {"en": "on track", "ko": "목표 경로에 있음"},
    "scenario.off_track": {"en": "not on track", "ko": "목표 경로에 못 미침"},
    "scenario.no_projection": {"en": "No skilful forecast of Korea to compare with.", "ko": "비교할 만한 신뢰할 수 있는 한국 전망이 없습니다."},
    "scenario.others_note": {"en": "Of the {others} other economies, {projected} are at their forecast, the rest at their latest complete value.", "ko": "다른 {others}개국 중 {projected}개국은 전망치, 나머지는 최근 완전한 값입니다."},
    "scenario.invalid": {"en": "Enter a number: a value above 0, a rank from 1 up, or a growth rate from -50 to 100 (% a year).", "ko": "숫자를 입력하세요: 0보다 큰 값, 1 이상의 순위, 또는 -50~100 사이의 연간 성장률(%)."},
    "scenario.no_series": {"en": "Korea has no complete value of this indicator to grow from.", "ko": "이 지표에는 성장의 출발점이 될 한국의 완전한 값이 없습니다."},
    "scenario.year_early": {"en": "Choose a year after {start}, Korea's latest complete year.", "ko": "한국의 최근 완전한 연도({start}년) 이후의 연도를 고르세요."},
    "scenario.non_positive": {"en": "Compound growth needs positive values: Korea's latest value is {value}.", "ko": "복리 성장률은 양의 값에서만 계산됩니다. 한국의 최근 값은 {value}입니다."},
    "scenario.rank_high": {"en": "Only {n} other economies report it: Korea ranks {best} or better at any value.", "ko": "다른 {n}개국만 보고하므로 한국은 어떤 값이든 {best}위 이내입니다."},
    "scenario.chart": {"en": "{indicator}: Korea's scenario to {year}", "ko": "{indicator}: {year}년까지 한국 시나리오"},
    "scenario.path": {"en": "Scenario path", "ko": "시나리오 경로"},
    "scenario.others": {"en": "Other economies in the target year (top 10)", "ko": "목표 연도의 다른 나라(상위 10개국)"},
    "describe.odds": {"en": "{title}, {start}–{end}.", "ko": "{title}, {start}–{end}년."},
    "describe.odds_item": {"en": "{p} in {year}", "ko": "{year}년 {p}"},
    "describe.odds_half": {"en": "The probability of having passed first reaches 50% in {year}.", "ko": "추월했을 확률은 {year}년에 처음 50%에 이릅니다."},
    "describe.odds_below": {"en": "The probability of having passed stays below 50% through {end}.", "ko": "추월했을 확률은 {end}년까지 50% 미만입니다."},
    "describe.scenario": {"en": "{title}: {country} from {value} in {year} to {target} in {end} along the dotted scenario path.", "ko": "{title}: {country}, {year}년 {value}에서 점선 시나리오 경로를 따라 {end}년 {target}."},
    "describe.scenario_target": {"en": "The dashed line marks the target, {value}.", "ko": "파선은 목표값 {value}입니다."},
    "describe.scenario_forecast": {"en": "Korea's forecast: {value} in {year} (80% interval {lo} to {hi}).", "ko": "한국 전망: {year}년 {value}(80% 구간 {lo}~{hi})."},
    "describe.scenario_others": {"en": "The highest other values in {year}: {items}.", "ko": "{year}년 다른 나라의 상위 값: {items}."},
    # --- What changed (dashboard/pages/changes.py, dashboard/changelog.py, the Atom feed, kaim changes) ---
    "nav.changes": {"en": "What changed", "ko": "변경 내역"},
    "changes.intro": {"en": "Each published version of the warehouse, newest first: values revised (old → new), new periods and values, values removed, the sources that loaded new data or failed, and Korea's rank on each changed indicator. Each link opens the chart at the changed view. Subscribe with the Atom feed:",
                      "ko": "웨어하우스의 게시 버전별 변경 내역(최신순): 수정된 값(이전 → 새 값), 새 기간과 값, 삭제된 값, 새 자료를 적재했거나 실패한 출처, 바뀐 지표의 한국 순위. 각 링크는 바뀐 부분을 보여 주는 차트를 엽니다. Atom 피드로 구독할 수 있습니다:"},
    "changes.feed": {"en": "Atom feed (English)", "ko": "Atom 피드(한국어)"},
    "changes.feed.title": {"en": "Korea AI Monitor: what changed", "ko": "한국 AI 모니터: 변경 내역"},
    "changes.feed.subtitle": {"en": "Revised values, new periods, sources and Korea's ranks in each published version.", "ko": "게시 버전별 수정된 값, 새 기간, 출처, 한국 순위."},
    "changes.version": {"en": "Version of {date}", "ko": "{date} 버전"},
    "changes.version.id": {"en": "Version id {id} (kaim changes --since {id})", "ko": "버전 ID {id}(kaim changes --since {id})"},
    "changes.summary": {"en": "{revised:,} values revised, {new:,} new, {removed:,} removed.", "ko": "값 {revised:,}개 수정, {new:,}개 추가, {removed:,}개 삭제."},
    "changes.nothing": {"en": "No value changed.", "ko": "바뀐 값이 없습니다."},
    "changes.baseline": {"en": "The oldest version kept: the versions before it are no longer kept, so everything it holds counts as new.", "ko": "보관 중인 가장 오래된 버전입니다. 이전 버전은 더 이상 보관하지 않으므로 담긴 값을 모두 새 값으로 셉니다."},
    "changes.none": {"en": "No version has been published yet.", "ko": "아직 게시된 버전이 없습니다."},
    "changes.unavailable": {"en": "This published version predates the change log: it appears after the next publish (kaim publish).", "ko": "현재 게시 버전은 변경 내역 기능 이전에 만들어졌습니다. 다음 게시(kaim publish) 후에 표시됩니다."},
    "changes.revised": {"en": "Revised values", "ko": "수정된 값"},
    "changes.revised.more": {"en": "and {n:,} more revised values: `kaim changes` or the observation_changes view lists them all.", "ko": "외 수정된 값 {n:,}개: `kaim changes`나 observation_changes 뷰에서 모두 볼 수 있습니다."},
    "changes.old": {"en": "Before", "ko": "이전 값"},
    "changes.new": {"en": "After", "ko": "새 값"},
    "changes.open": {"en": "Open chart", "ko": "차트 열기"},
    "changes.chart": {"en": "Chart", "ko": "차트"},
    "changes.open.label": {"en": "Open chart: {indicator}, {country}", "ko": "차트 열기: {indicator}, {country}"},
    "changes.added": {"en": "New and removed values", "ko": "추가·삭제된 값"},
    "changes.added.new": {"en": "{indicator}: {n:,} new values", "ko": "{indicator}: 새 값 {n:,}개"},
    "changes.added.periods": {"en": "; new periods: {periods}", "ko": "; 새 기간: {periods}"},
    "changes.added.removed": {"en": "{indicator}: {n:,} values removed", "ko": "{indicator}: 값 {n:,}개 삭제"},
    "changes.added.more": {"en": "and {n:,} more indicators.", "ko": "외 지표 {n:,}개."},
    "changes.sources": {"en": "Sources", "ko": "출처"},
    "changes.source.ok": {"en": "{source}: new data ({payloads:,} new payload(s), {rows:,} rows new or revised)", "ko": "{source}: 새 자료(새 파일 {payloads:,}개, 새로 들어오거나 수정된 행 {rows:,}개)"},
    "changes.source.failed": {"en": "{source}: failed: {message}", "ko": "{source}: 실패: {message}"},
    "changes.source.unchanged": {"en": "Unchanged: {sources}", "ko": "변동 없음: {sources}"},
    "changes.ranks": {"en": "Korea's rank", "ko": "한국 순위"},
    "changes.rank.unchanged": {"en": "{indicator}: Korea's rank unchanged at {rank} of {n} ({year})", "ko": "{indicator}: 한국 순위 {n}개국 중 {rank}위 유지({year}년)"},
    "changes.rank.moved": {"en": "{indicator}: Korea's rank {before} ({year0}) → {rank} of {n} ({year})", "ko": "{indicator}: 한국 순위 {before}({year0}년) → {n}개국 중 {rank}위({year}년)"},
    "changes.rank.first": {"en": "{indicator}: Korea now ranked {rank} of {n} ({year})", "ko": "{indicator}: 한국 {n}개국 중 {rank}위({year}년)"},
    "changes.rank.gone": {"en": "{indicator}: Korea no longer ranked (was {before}, {year0})", "ko": "{indicator}: 한국 순위 없음(이전 {before}, {year0}년)"},
    "changes.rank.revised": {"en": "; {period} revised {old} → {new}", "ko": "; {period} 수정: {old} → {new}"},
    # --- AI position index (dashboard/pages/index.py, composite.py) ---
    "nav.index": {"en": "AI position index", "ko": "AI 위상 지수"},
    "index.lead": {"en": "A composite of the four pillars (R&D, semiconductors, startup funding, AI models) with the weights you set, and how far each country's rank moves when the weights, the normalisation and forecast-filled values vary (90% band over 1,000 Monte Carlo draws).",
                   "ko": "네 부문(연구개발, 반도체, 스타트업 투자, AI 모델)을 사용자가 정한 가중치로 합친 종합 지수입니다. 가중치·정규화 방식·전망치로 채운 값이 달라질 때 각국 순위가 얼마나 움직이는지(몬테카를로 1,000회의 90% 구간)도 함께 보여 줍니다."},
    "index.year": {"en": "Year", "ko": "기준 연도"},
    "index.weights": {"en": "Pillar weights (0 = left out; the weights are shares of their sum)", "ko": "부문 가중치(0 = 제외, 가중치는 합계 대비 비율로 적용)"},
    "index.norm.minmax": {"en": "Min-max (0–100)", "ko": "최소-최대(0–100)"},
    "index.norm.zscore": {"en": "z-score", "ko": "표준점수(z)"},
    "index.norm.rank": {"en": "Percentile rank (0–100)", "ko": "백분위 순위(0–100)"},
    "index.chart": {"en": "AI position index {year} · {method}", "ko": "{year}년 AI 위상 지수 · {method}"},
    "index.indicators": {"en": "Indicators of each pillar", "ko": "부문별 지표"},
    "index.higher": {"en": "higher is better", "ko": "높을수록 좋음"},
    "index.lower": {"en": "lower is better", "ko": "낮을수록 좋음"},
    "index.filled_by_forecast": {"en": "a missing year filled by its forecast", "ko": "빈 연도는 전망치로 보완"},
    "index.table": {"en": "Index scores and ranks, {year}", "ko": "{year}년 지수 점수와 순위"},
    "index.col.country": {"en": "Country", "ko": "국가"},
    "index.col.score": {"en": "Score", "ko": "점수"},
    "index.col.rank": {"en": "Rank", "ko": "순위"},
    "index.col.median": {"en": "Median rank", "ko": "순위 중앙값"},
    "index.col.band": {"en": "90% band", "ko": "90% 구간"},
    "index.col.missing": {"en": "Missing pillars", "ko": "빠진 부문"},
    "index.col.filled": {"en": "Filled values", "ko": "보완한 값"},
    "index.not_ranked": {"en": "not ranked", "ko": "순위 제외"},
    "index.origin.forecast": {"en": "forecast", "ko": "전망치"},
    "index.origin.carried": {"en": "carried from {year}", "ko": "{year}년 값 사용"},
    "index.origin.zero": {"en": "none in the catalogue (0)", "ko": "목록에 없음(0)"},
    "index.all_zero": {"en": "All weights are 0: equal weights are used.", "ko": "모든 가중치가 0이어서 같은 가중치를 적용했습니다."},
    "index.rule": {"en": "Missing values: a country needs {k} of the weighted pillars to be ranked; a missing pillar is left out and the other weights scaled up. A year without an observation takes the forecast of that year, else the latest value of the {lookback} years before; a model count from a complete catalogue is 0 where a country has none. The table lists every filled value.",
                   "ko": "결측 처리: 가중치가 있는 부문 중 {k}개 이상에 값이 있어야 순위에 들어갑니다. 빠진 부문은 제외하고 나머지 가중치를 비례해 늘립니다. 관측값이 없는 해는 그해 전망치를, 없으면 직전 {lookback}년 안의 최근 값을 씁니다. 전수 목록의 모델 수는 해당 국가가 없으면 0입니다. 보완한 값은 모두 표에 적었습니다."},
    "index.method": {"en": "Method: indicators are normalised across the countries shown, averaged within each pillar, and the pillars averaged with your weights. The 90% band comes from {draws:,} draws: weights from a Dirichlet around yours (concentration {concentration}), a normalisation drawn from the three, and forecast-filled values drawn within their intervals. Fixed seed: the same link gives the same bands.",
                    "ko": "방법: 지표를 표시된 국가들 사이에서 정규화하고 부문별로 평균한 뒤, 부문 점수를 가중 평균합니다. 90% 구간은 {draws:,}회 추출에서 나옵니다. 가중치는 선택한 값을 중심으로 한 디리클레 분포(집중도 {concentration})에서, 정규화 방식은 세 가지 중에서, 전망치로 채운 값은 예측 구간 안에서 뽑습니다. 난수 시드가 고정되어 같은 링크는 같은 구간을 보여 줍니다."},
    "figure.rank_point": {"en": "Rank with these weights (1 = first)", "ko": "현재 가중치의 순위(1 = 1위)"},
    "figure.rank_median": {"en": "Median rank and 90% band", "ko": "순위 중앙값과 90% 구간"},
    "figure.rank_band": {"en": "median rank {median}, 90% band {lo}–{hi}", "ko": "순위 중앙값 {median}, 90% 구간 {lo}–{hi}위"},
    "figure.rank_hover": {"en": "rank %{customdata[1]}", "ko": "%{customdata[1]}위"},
    "describe.bands": {"en": "{title}: {n} countries ranked, first to last, with the 90% band of each rank: {items}.", "ko": "{title}: 순위가 매겨진 {n}개국(괄호 안은 순위의 90% 구간): {items}."},
    "describe.band_item": {"en": "{rank} {country} ({lo} to {hi})", "ko": "{rank}위 {country}({lo}~{hi}위)"},
    "describe.band_korea": {"en": "{country} ranks {rank} of {n}; over the draws its median rank is {median} and its 90% band {lo} to {hi}.", "ko": "{country} {n}개국 중 {rank}위이며, 추출 결과 순위 중앙값은 {median}위, 90% 구간은 {lo}~{hi}위입니다."},
    "describe.band_unranked": {"en": "Not ranked (too few pillars with data): {items}.", "ko": "순위 제외(자료가 있는 부문 부족): {items}."},
    "report.index": {"en": "AI position index", "ko": "AI 위상 지수"},
    "report.index_korea": {"en": "With equal pillar weights, {country} ranks {rank} of {n} in {year}; varying the weights, the normalisation and forecast-filled values, its 90% band is {lo} to {hi}.", "ko": "부문 가중치를 같게 두면 {country} {year}년 {n}개국 중 {rank}위입니다. 가중치·정규화 방식·전망치를 바꿔 보면 90% 구간은 {lo}~{hi}위입니다."},
    # --- end AI position index ---
    # --- briefing summary page (report.py: the executive summary on page 1) ---
    "report.summary": {"en": "Executive summary", "ko": "요약 보고"},
    "report.generated": {"en": "Generated {date}", "ko": "작성일 {date}"},
    "report.data_version": {"en": "data published {when}", "ko": "자료 공개 시점 {when}"},
    "report.peers": {"en": "peers: {names}", "ko": "비교국: {names}"},
    "report.rank": {"en": "Rank {rank} of {peers}", "ko": "{peers}개국 중 {rank}위"},
    "report.change": {"en": "5-year change {change}", "ko": "5년 변화 {change}"},
    "report.more": {"en": "Each pillar in detail from page 2; sources at the end.",
                    "ko": "부문별 상세 내용은 2쪽부터, 출처는 끝에 있습니다."},
    "report.peer_median": {"en": "Peers' median", "ko": "비교국 중앙값"},
    "report.peer_best": {"en": "Highest peer", "ko": "비교국 최고값"},
    "sql.intro": {"en": "Query the published warehouse: one read-only SELECT over the public views (see the data dictionary, docs/schema.md). At most {rows:,} rows or {mb:g} MB of results; queries are cut off after {seconds:g} seconds.",
                  "ko": "공개된 데이터 웨어하우스를 조회합니다: 공개 뷰에 대한 읽기 전용 SELECT 한 문장(데이터 사전 docs/schema.md 참조). 결과는 최대 {rows:,}행 또는 {mb:g}MB이며, {seconds:g}초가 지나면 중단됩니다."},
    "sql.label": {"en": "SQL query", "ko": "SQL 쿼리"},
    "sql.run": {"en": "Run", "ko": "실행"},
    "sql.press_run": {"en": "Press Run to run the query.", "ko": "쿼리를 실행하려면 실행 버튼을 누르세요."},
    "sql.rows": {"en": "{rows:,} rows in {seconds:.2f} s", "ko": "{rows:,}행, {seconds:.2f}초"},
    "sql.truncated.rows": {"en": " (only the first {rows:,} rows: add LIMIT or filters)", "ko": " (처음 {rows:,}행만 표시: LIMIT이나 조건을 추가하세요)"},
    "sql.truncated.bytes": {"en": " (cut off at {mb:g} MB of results: select fewer or shorter columns, or add LIMIT)", "ko": " (결과가 {mb:g}MB를 넘어 중단됨: 열을 줄이거나 짧게 하거나 LIMIT을 추가하세요)"},
    "sql.refused": {"en": "Refused: {message}", "ko": "거부됨: {message}"},
    "sql.failed": {"en": "Failed: {message}", "ko": "실패: {message}"},
    "sql.busy": {"en": "Busy: other queries are running; try again in a moment.", "ko": "다른 쿼리가 실행 중입니다. 잠시 후 다시 시도하세요."},
    "sql.too_many": {"en": "Too many queries: wait a minute before the next one.", "ko": "쿼리가 너무 많습니다. 1분 후에 다시 시도하세요."},
    "sql.off": {"en": "The SQL page is turned off on this server.", "ko": "이 서버에서는 SQL 페이지가 꺼져 있습니다."},
    "sql.result": {"en": "Result", "ko": "결과"},
    "sql.no_rows": {"en": "No rows to show", "ko": "표시할 행이 없습니다"},
    "export.failed": {"en": "The briefing could not be prepared just now; try again later or download HTML.", "ko": "지금은 브리핑을 준비할 수 없습니다. 나중에 다시 시도하거나 HTML로 내려받으세요."},
    "export.busy": {"en": "Another briefing is being prepared; try again in a moment.", "ko": "다른 브리핑을 준비하고 있습니다. 잠시 후 다시 시도하세요."},
    "nav.label": {"en": "Pages", "ko": "페이지"},
    "control.indicator": {"en": "Indicator", "ko": "지표"},
    "control.peers": {"en": "Peer group", "ko": "비교 국가군"},
    "control.countries": {"en": "Countries", "ko": "국가"},
    "control.years": {"en": "Years", "ko": "기간"},
    "control.year": {"en": "Year for ranking and map", "ko": "순위·지도 기준 연도"},
    "control.normalisation": {"en": "Normalisation", "ko": "기준"},
    "control.chart": {"en": "Chart type", "ko": "차트 유형"},
    "control.category": {"en": "Categories", "ko": "분야"},
    "norm.abs": {"en": "As published", "ko": "원자료"},
    "norm.pct_gdp": {"en": "% of GDP", "ko": "GDP 대비 %"},
    "norm.per_capita": {"en": "Per capita", "ko": "1인당"},
    "norm.ppp": {"en": "USD PPP", "ko": "PPP 달러"},
    "norm.ppp_note": {"en": "USD PPP: current US dollars times the price level implied by OECD MSTI (GDP in PPP "
                             "dollars) over World Bank GDP in US dollars; for OECD and partner economies only.",
                      "ko": "PPP 달러: 경상 달러 값에 OECD MSTI에서 도출한 구매력평가 GDP와 세계은행 달러 GDP의 비율을 곱한 "
                            "값입니다. OECD 회원국과 협력국만 해당합니다."},
    "norm.not_for_unit": {"en": "{norm} does not apply to values in {unit}: shown as published.",
                          "ko": "{unit} 단위 값에는 '{norm}' 기준을 적용할 수 없어 원자료로 표시합니다."},
    "norm.unavailable": {"en": "Per-capita figures need World Bank population (SP.POP.TOTL), which is not loaded.",
                         "ko": "1인당 수치에는 세계은행 인구(SP.POP.TOTL) 자료가 필요하나 아직 적재되지 않았습니다."},
    "chart.line": {"en": "Lines", "ko": "선"},
    "chart.bar": {"en": "Bars", "ko": "막대"},
    "chart.slope": {"en": "Slope", "ko": "기울기"},
    "preset.focus": {"en": "US, China, Japan, Taiwan, Germany", "ko": "미국·중국·일본·대만·독일"},
    "preset.asia": {"en": "Korea's Asian competitors", "ko": "아시아 경쟁국"},
    "preset.g7": {"en": "G7", "ko": "G7"},
    "preset.oecd": {"en": "OECD members", "ko": "OECD 회원국"},
    "preset.custom": {"en": "Free choice", "ko": "직접 선택"},
    "card.trend": {"en": "Trend", "ko": "추세"},
    "card.ranking": {"en": "Ranking", "ko": "순위"},
    "card.map": {"en": "World map", "ko": "세계 지도"},
    "card.table": {"en": "Show table", "ko": "표 보기"},
    "card.chart": {"en": "Show chart", "ko": "차트 보기"},
    "card.csv": {"en": "Download CSV", "ko": "CSV 내려받기"},
    "card.xlsx": {"en": "Download XLSX", "ko": "XLSX 내려받기"},
    "card.png": {"en": "Download PNG", "ko": "PNG 내려받기"},
    "card.svg": {"en": "Download SVG", "ko": "SVG 내려받기"},
    "card.sql": {"en": "Show SQL", "ko": "SQL 보기"},
    "card.sql.help": {"en": "This query reproduces the chart's data from the published warehouse (kaim sql, or any "
                              "DuckDB client on the file `kaim path` prints).",
                      "ko": "이 쿼리는 공개된 데이터 웨어하우스에서 차트 데이터를 재현합니다(kaim sql 또는 `kaim path`가 "
                            "알려주는 파일을 여는 DuckDB 클라이언트)."},
    "card.source": {"en": "Source", "ko": "출처"},
    "card.licence": {"en": "Licence", "ko": "이용 조건"},
    "card.producer_date": {"en": "Published by the producer", "ko": "생산기관 공표일"},
    "card.fetched": {"en": "fetched", "ko": "수집일"},
    "card.not_stated": {"en": "not stated in the data", "ko": "자료에 표기 없음"},
    # --- pinned versions and citations (dashboard/pinning.py, components.citation) ---
    "pin.shown": {"en": "You are viewing the numbers as published on {date} (version {stamp}).",
                  "ko": "{date}에 공개된 수치(버전 {stamp})를 보고 있습니다."},
    "pin.newer": {"en": "Newer data have been published since.", "ko": "그 뒤로 새 자료가 공개되었습니다."},
    "pin.open_current": {"en": "Open the current version", "ko": "최신 버전 열기"},
    "pin.pruned": {"en": "The version this link names ({stamp}) was deleted on {date} under the retention policy; "
                         "these are the current numbers.",
                   "ko": "이 링크가 가리키는 버전({stamp})은 보존 정책에 따라 {date}에 삭제되었습니다. 현재 수치를 보여 드립니다."},
    "pin.unknown": {"en": "This link names a version ({stamp}) that is not published here; these are the current "
                          "numbers.",
                    "ko": "이 링크가 가리키는 버전({stamp})은 여기에 공개된 적이 없습니다. 현재 수치를 보여 드립니다."},
    "cite.title": {"en": "Cite this chart", "ko": "이 차트 인용하기"},
    "cite.help": {"en": "The link pins this published version: it reopens exactly these numbers, and the version "
                        "is kept while it is cited.",
                  "ko": "링크는 이 공개 버전을 고정합니다. 같은 수치를 다시 열 수 있으며, 인용되는 동안 버전이 보존됩니다."},
    "cite.plain": {"en": "Plain text", "ko": "일반 텍스트"},
    "cite.data": {"en": "Data", "ko": "자료"},
    "cite.version": {"en": "Published version", "ko": "공개 버전"},
    "card.flags": {"en": "Flags: P provisional, E estimate, B break in series, D definition differs. Open markers: part of the period only, or large reporters missing (not ranked).",
                   "ko": "표시: P 잠정, E 추정, B 시계열 단절, D 정의 차이. 빈 표식: 기간 일부만 반영했거나 주요 보고국이 빠진 값(순위에서 제외)."},
    "dropdown.select_all": {"en": "Select all", "ko": "모두 선택"},
    "dropdown.deselect_all": {"en": "Deselect all", "ko": "모두 해제"},
    "dropdown.selected_count": {"en": "{num_selected} selected", "ko": "{num_selected}개 선택"},
    "dropdown.search": {"en": "Search", "ko": "검색"},
    "dropdown.clear_search": {"en": "Clear search", "ko": "검색어 지우기"},
    "dropdown.clear_selection": {"en": "Clear selection", "ko": "선택 지우기"},
    "dropdown.no_options_found": {"en": "No options found", "ko": "찾은 항목 없음"},
    "dropdown.placeholder": {"en": "Select…", "ko": "선택…"},
    "forecast.label": {"en": "Forecast", "ko": "전망"},
    "forecast.band80": {"en": "80% interval", "ko": "80% 구간"},
    "forecast.band95": {"en": "95% interval", "ko": "95% 구간"},
    "forecast.skill": {"en": "Forecast by {model}; backtest error {skill:.2f}× naive (below 1 beats a no-change "
                              "forecast)", "ko": "{model} 모형 전망; 백테스트 오차는 단순 예측의 {skill:.2f}배(1 미만이면 "
                                                  "단순 예측보다 우수)"},
    "forecast.none": {"en": "No forecast shown: no model beats a no-change forecast on this series, or forecasts "
                             "have not been computed (kaim forecast).",
                      "ko": "전망 미표시: 이 시계열에서 단순 예측보다 나은 모형이 없거나 전망이 아직 계산되지 않았습니다"
                            "(kaim forecast)."},
    "forecast.badge": {"en": "Forecast skill: error {skill}× naive", "ko": "전망 정확도: 오차 단순 예측의 {skill}배"},
    "forecast.skill_short": {"en": "error {skill:.2f}× naive", "ko": "오차 단순 예측의 {skill:.2f}배"},
    "forecast.none_short": {"en": "none with skill (see Compare)", "ko": "신뢰할 만한 전망 없음"},
    "policy.markers": {"en": "Policy events", "ko": "정책 이벤트"},
    "empty.no_data": {"en": "No data for this selection yet. The source may not be loaded: see the Sources page, or "
                             "run `kaim collect`.",
                      "ko": "이 선택에 해당하는 자료가 아직 없습니다. 자료가 적재되지 않았을 수 있습니다: 출처 페이지를 "
                            "보거나 `kaim collect`를 실행하세요."},
    "empty.no_warehouse": {"en": "No published warehouse yet. Run `kaim collect --mirror DIR` (or `kaim collect`) "
                                  "and reload.",
                           "ko": "공개된 데이터 웨어하우스가 아직 없습니다. `kaim collect --mirror DIR`(또는 `kaim collect`)을 "
                                 "실행한 뒤 새로 고치세요."},
    "overview.title": {"en": "Korea at a glance", "ko": "한눈에 보는 한국"},
    "overview.latest": {"en": "Latest", "ko": "최근 값"},
    "overview.rank": {"en": "Rank among peers", "ko": "비교국 중 순위"},
    "overview.change": {"en": "5-year change", "ko": "5년 변화"},
    "overview.gap": {"en": "Gap to leader", "ko": "선두와의 격차"},
    "overview.projected": {"en": "Projected", "ko": "전망"},
    "overview.note": {"en": "Note", "ko": "참고"},
    "overview.why.part-period": {"en": "{year} is not over in the data ({value}): the card uses {used}, the last complete year; the chart shows {year}, marked.",
                                 "ko": "{year}년 값({value})은 한 해가 끝나기 전 자료입니다. 카드는 마지막 완결 연도인 {used}년 값을 쓰고, 차트에는 {year}년 값을 표시해 구분합니다."},
    "overview.why.incomplete-coverage": {"en": "{year} lacks large reporters ({value} for Korea): ranks would be overstated, so the card uses {used}; the chart shows {year}, marked.",
                                         "ko": "{year}년 자료에는 주요 보고국이 빠져 있어(한국 {value}) 순위가 부풀려집니다. 카드는 {used}년 값을 쓰고, 차트에는 {year}년 값을 표시해 구분합니다."},
    "flag.part-period": {"en": "part of the period only", "ko": "기간 일부만 반영"},
    "flag.incomplete-coverage": {"en": "large reporters missing", "ko": "주요 보고국 누락"},
    "overview.profile": {"en": "Pillar profile: percentile among all economies with data",
                         "ko": "부문별 위치: 자료가 있는 모든 경제 중 백분위"},
    "overview.briefing": {"en": "Download briefing", "ko": "브리핑 내려받기"},
    "overview.summary": {"en": "Summary", "ko": "요약"},
    "overview.leader": {"en": "leader", "ko": "선두"},
    "sources.title": {"en": "Sources: producer, licence, vintage and freshness",
                      "ko": "출처: 작성 기관, 이용 조건, 자료 시점, 최신성"},
    "sources.indicators": {"en": "Indicators: what each measures", "ko": "지표: 측정 대상"},
    "col.source": {"en": "Source", "ko": "출처"},
    "col.producer": {"en": "Producer", "ko": "작성 기관"},
    "col.license": {"en": "Licence", "ko": "이용 조건"},
    "col.quality": {"en": "Quality", "ko": "자료 성격"},
    "col.vintage": {"en": "Vintage", "ko": "자료 시점"},
    "col.last_run": {"en": "Last run", "ko": "마지막 수집"},
    "col.status": {"en": "Status", "ko": "상태"},
    "col.freshness": {"en": "Freshness", "ko": "최신성"},
    "col.failures": {"en": "Failures in a row", "ko": "연속 실패"},
    "col.producer_date": {"en": "Published by the producer", "ko": "생산기관 공표일"},
    "col.latest_period": {"en": "Latest period", "ko": "최근 기간"},
    "col.dropped": {"en": "Rows left out (see dropped_rows)", "ko": "제외된 행(dropped_rows 참조)"},
    "sources.latest.complete": {"en": "{period}: complete", "ko": "{period}: 완결"},
    "sources.latest.incomplete": {"en": "{period}: {flag}, {n} of {total} values", "ko": "{period}: {flag}, 값 {total}개 중 {n}개"},
    "col.indicator": {"en": "Indicator", "ko": "지표"},
    "col.unit": {"en": "Unit", "ko": "단위"},
    "col.description": {"en": "What it measures", "ko": "설명"},
    "col.country": {"en": "Country", "ko": "국가"},
    "col.year": {"en": "Year", "ko": "연도"},
    "col.period": {"en": "Period", "ko": "기간"},
    "col.value": {"en": "Value", "ko": "값"},
    "col.date": {"en": "Date", "ko": "날짜"},
    "col.title": {"en": "Event", "ko": "내용"},
    "col.category": {"en": "Category", "ko": "분야"},
    "col.amount": {"en": "Amount (USD)", "ko": "금액(미국 달러)"},
    "col.model": {"en": "Model", "ko": "모델"},
    "col.organization": {"en": "Developer", "ko": "개발 기관"},
    "col.published": {"en": "Released", "ko": "공개일"},
    "col.parameters": {"en": "Parameters", "ko": "파라미터 수"},
    "col.open_weights": {"en": "Open weights", "ko": "가중치 공개"},
    "col.benchmark": {"en": "Benchmark", "ko": "벤치마크"},
    "col.best": {"en": "Best score", "ko": "최고 점수"},
    "col.gap": {"en": "Gap to global best", "ko": "세계 최고와의 격차"},
    "col.rank": {"en": "Rank", "ko": "순위"},
    "col.share": {"en": "Share (%)", "ko": "비중(%)"},
    "col.coverage": {"en": "Coverage", "ko": "포괄 범위"},
    "status.ok": {"en": "ok", "ko": "정상"},
    "status.unchanged": {"en": "unchanged", "ko": "변경 없음"},
    "status.failed": {"en": "failed", "ko": "실패"},
    "fresh.fresh": {"en": "fresh", "ko": "최신"},
    "fresh.due": {"en": "due", "ko": "갱신 예정"},
    "fresh.overdue": {"en": "overdue", "ko": "갱신 지연"},
    "fresh.failing": {"en": "failing", "ko": "수집 실패 반복"},
    "fresh.never": {"en": "never collected", "ko": "미수집"},
    "semis.shares": {"en": "Share of world integrated-circuit (HS 8542) exports",
                     "ko": "세계 집적회로(HS 8542) 수출 점유율"},
    "semis.incomplete": {"en": "Incomplete year: large exporters missing ({missing}); shares are overstated.",
                         "ko": "불완전한 연도: 주요 수출국 누락({missing}), 점유율이 과대평가됩니다."},
    "semis.memory": {"en": "Korea's memory exports by month (DRAM, NAND, multi-component ICs incl. HBM)",
                     "ko": "한국 메모리 반도체 월별 수출(디램, 낸드, HBM 포함 복합구조칩)"},
    "semis.partners": {"en": "Korea's memory exports by destination", "ko": "한국 메모리 반도체 수출의 국가별 비중"},
    "semis.partners.window": {"en": "share of each line's exports to all destinations, {start} to {end}",
                              "ko": "품목별 전체 수출 대비 비중, {start}~{end}"},
    "semis.partners.other": {"en": "Other destinations", "ko": "기타 국가"},
    "col.company": {"en": "Company", "ko": "기업"},
    "col.segment": {"en": "Segment", "ko": "품목"},
    "col.region": {"en": "Region", "ko": "지역"},
    "col.release": {"en": "Release (data month)", "ko": "보도자료(자료 월)"},
    "col.product": {"en": "Product", "ko": "품목"},
    "col.destination": {"en": "Destination", "ko": "수출 대상국"},
    "semis.makers": {"en": "Memory makers: DRAM and NAND market shares by company and quarter (TrendForce, transcribed)",
                     "ko": "메모리 제조사: 삼성전자·SK하이닉스·마이크론 등의 분기별 디램·낸드 시장점유율(TrendForce, 전사 자료)"},
    "semis.makers.note": {"en": "Shares of world revenue as TrendForce figures were quoted in news pages and typed by hand "
                                "(secondary, not official statistics); only the quarters and firms the quotes state are "
                                "drawn. NAND: SK hynix with Solidigm (SK Group). 2021 DRAM: branded revenue. No company "
                                "shares of HBM are loaded; Korea's exports of multi-component ICs incl. HBM are in the "
                                "monthly export card.",
                          "ko": "TrendForce 수치를 뉴스 기사에서 옮겨 적은 세계 매출 점유율입니다(2차 자료, 공식 통계 아님). "
                                "기사에 나온 분기와 기업만 그렸습니다. 낸드의 SK그룹은 SK하이닉스와 솔리다임의 합, 2021년 "
                                "디램은 자사 브랜드 매출 기준입니다. HBM의 기업별 점유율은 적재된 자료가 없으며, HBM을 포함한 "
                                "복합구조칩 수출은 월별 수출 카드에 있습니다."},
    "semis.makers.exports": {"en": "These are shares of world revenue wherever the chips are made, not of exports. In "
                                   "{quarter}, Korea exported {value} of DRAM chips ({start} to {end}, Korea Customs).",
                             "ko": "생산지와 관계없는 세계 매출 점유율이며 수출 비중이 아닙니다. {quarter}({start}~{end}) "
                                   "한국의 디램 수출은 {value}였습니다(관세청)."},
    "semis.sales": {"en": "World semiconductor sales by region (WSTS, 3-month moving averages, transcribed)",
                    "ko": "지역별 세계 반도체 매출(WSTS, 3개월 이동평균, 전사 자료)"},
    "semis.sales.note": {"en": "Only the 3-month moving averages quoted in SIA releases are drawn, as points (not joined: "
                               "months in between are not quoted); where WSTS revised a month, the latest release's "
                               "figure. Quarter and year totals are left out.",
                         "ko": "SIA 보도자료에 인용된 3개월 이동평균만 점으로 그렸습니다(사이의 달은 인용되지 않아 잇지 "
                               "않음). WSTS가 수정한 달은 가장 최근 보도자료의 값입니다. 분기·연간 합계는 제외했습니다."},
    "semis.supply": {"en": "Supply-chain shares by segment (ETO/CSET, about 2019; CC BY-NC)",
                     "ko": "공급망 단계별 점유율(ETO/CSET, 2019년경, CC BY-NC)"},
    "models.notable": {"en": "Notable AI models by developer country, cumulative (Epoch AI)",
                       "ko": "개발 국가별 주목할 AI 모델 누적 수(Epoch AI)"},
    "models.compute": {"en": "Training compute of notable models (log scale)",
                       "ko": "주목할 모델의 학습 연산량(로그 척도)"},
    "models.benchmarks": {"en": "Best score by country and gap to the global best",
                          "ko": "국가별 최고 점수와 세계 최고와의 격차"},
    "models.catalogue": {"en": "Korean model catalogue", "ko": "한국 AI 모델 목록"},
    "funding.ai": {"en": "Private investment in AI companies (CSET); dashed: projection",
                   "ko": "AI 기업 민간 투자(CSET); 점선: 전망"},
    "policy.title_en": {"en": "{title}", "ko": "{title} (영문 제목)"},
    "policy.title": {"en": "Policy events by country and category", "ko": "국가·분야별 정책 이벤트"},
    "compare.title": {"en": "Compare any indicator across countries and years",
                      "ko": "지표를 국가·연도별로 자유롭게 비교"},
    "card.describe": {"en": "Describe chart", "ko": "차트 설명"},
    "describe.trend": {"en": "{title}, {start}–{end}: lines for {n} countries.", "ko": "{title}, {start}–{end}년: {n}개국의 추이."},
    "describe.bars": {"en": "{title}, {start}–{end}: bars for {n} countries, grouped by year.", "ko": "{title}, {start}–{end}년: {n}개국의 연도별 막대."},
    "describe.slope": {"en": "{title}: the first and last year of {n} countries, {start}–{end}.", "ko": "{title}: {n}개국의 처음과 마지막 연도 값({start}–{end}년)."},
    "describe.rose": {"en": "{country} rose from {first} in {start} to {last} in {end}.", "ko": "{country} {start}년 {first}에서 {end}년 {last}까지 늘었습니다."},
    "describe.fell": {"en": "{country} fell from {first} in {start} to {last} in {end}.", "ko": "{country} {start}년 {first}에서 {end}년 {last}까지 줄었습니다."},
    "describe.flat": {"en": "{country} was {last} in both {start} and {end}.", "ko": "{country} {start}년과 {end}년 모두 {last}입니다."},
    "describe.single": {"en": "{country}: {value} in {year}.", "ko": "{country}: {year}년 {value}."},
    "describe.rank": {"en": "{country} ranks {rank} of the {n} countries with a value in {year}.", "ko": "{country} {year}년 값이 있는 {n}개국 중 {rank}위입니다."},
    "describe.leads": {"en": "{country} leads with {value}.", "ko": "1위는 {country}({value})입니다."},
    "describe.highest": {"en": "Highest in {year}: {country} {value}.", "ko": "{year}년 가장 높은 값: {country} {value}."},
    "describe.latest": {"en": "Latest values: {items}.", "ko": "최근 값: {items}."},
    "describe.more": {"en": "and {n} more (see the table)", "ko": "외 {n}개(표 보기 참조)"},
    "describe.open": {"en": "Open markers ({years}): {reason}{own}; not ranked.", "ko": "빈 표식({years}): {reason}{own}, 순위에서 제외했습니다."},
    "describe.fan": {"en": "The shaded bands are the 80% and 95% forecast intervals around the dashed forecast lines, to {end}: {items}.", "ko": "음영은 점선으로 그린 전망치의 80%·95% 예측 구간입니다({end}년까지): {items}."},
    "describe.fan_item": {"en": "{country} {value} in {year} (80% interval {lo} to {hi})", "ko": "{country} {year}년 {value}(80% 구간 {lo}~{hi})"},
    "describe.projection": {"en": "Dashed lines are projections, to {end}: {items}.", "ko": "점선은 {end}년까지의 전망치입니다: {items}."},
    "describe.projection_item": {"en": "{country} {value} in {year}", "ko": "{country} {year}년 {value}"},
    "describe.events": {"en": "{n} policy events are marked along the bottom of the chart ({korea}'s in vermillion).", "ko": "차트 아래쪽 표식은 정책 이벤트 {n}건입니다({korea}: 주홍색)."},
    "describe.ranking": {"en": "{title}: {n} countries, largest first: {items}.", "ko": "{title}: {n}개국, 큰 값부터 {items}."},
    "describe.rank_item": {"en": "{rank} {country} {value}", "ko": "{rank}위 {country} {value}"},
    "describe.not_ranked": {"en": "Not ranked ({reason}): {items}.", "ko": "순위 제외({reason}): {items}."},
    "describe.map": {"en": "{title}: a world map of the {n} economies with data; darker blue means more, grey means no data.", "ko": "{title}: 자료가 있는 {n}개 경제의 세계 지도입니다. 파란색이 진할수록 값이 크고, 회색은 자료가 없는 곳입니다."},
    "describe.map_top": {"en": "Highest: {top}; lowest: {bottom}.", "ko": "가장 높은 곳: {top}; 가장 낮은 곳: {bottom}."},
    "describe.map_rank": {"en": "{country} ({value}) ranks {rank} of {n}.", "ko": "{n}개 경제 중 {country} {rank}위({value})입니다."},
    "describe.map_flagged": {"en": "Values of this year: {reason}; not ranked.", "ko": "이 연도의 값: {reason}, 순위를 매기지 않았습니다."},
    "describe.place": {"en": "({country} {rank} of {n})", "ko": "({country} {n}개국 중 {rank}위)"},
    "describe.values_in": {"en": "Values: {label}.", "ko": "값: {label}."},
    "describe.stacked": {"en": "Each bar's segments add up to 100%.", "ko": "막대마다 구성 비중의 합은 100%입니다."},
    "describe.profile": {"en": "{title}, each economy in its latest complete year (100 = the highest value).", "ko": "{title}(각 경제의 마지막 완결 연도 기준, 100 = 가장 높은 값)."},
    "describe.monthly": {"en": "{title}, {start} to {end}.", "ko": "{title}, {start}~{end}."},
    "describe.month_item": {"en": "{label}: {value} in {month}", "ko": "{label}: {month} {value}"},
    "describe.yoy": {"en": "{change} on a year earlier", "ko": "전년 같은 달 대비 {change}"},
    "describe.peak": {"en": "highest {value} in {month}", "ko": "최고 {value}({month})"},
    "describe.makers_segment": {"en": "{segment}: {n} quarters quoted, {start} to {end}; in {quarter}: {items}.", "ko": "{segment}: 인용된 {n}개 분기({start}~{end}). {quarter}: {items}."},
    "describe.makers_korea": {"en": "Korean firms together: {value}.", "ko": "한국 기업 합계: {value}."},
    "describe.makers_path": {"en": "{company}: {start} in {q0}, {end} in {q1}.", "ko": "{company}: {q0} {start}, {q1} {end}."},
    "describe.provisional": {"en": "Dotted lines are provisional 10-day figures.", "ko": "점선은 10일 단위 잠정치입니다."},
    "describe.frontier": {"en": "{title}: {n} models released {start}–{end}, {label} on a log scale; {korea}'s {k} in vermillion, the others in grey.", "ko": "{title}: {start}–{end}년에 공개된 모델 {n}개, {label}(로그 척도). {korea} 모델 {k}개는 주홍색, 나머지는 회색입니다."},
    "describe.catalogue": {"en": "{title}: {n} models with a known size, released {start}–{end}, {label} on a log scale.", "ko": "{title}: 규모가 알려진 모델 {n}개, {start}–{end}년 공개, {label}(로그 척도)."},
    "describe.largest": {"en": "Largest: {model} ({org}, {date}), {value}.", "ko": "가장 큰 모델: {model}({org}, {date}), {value}."},
    "describe.largest_korea": {"en": "Largest from {korea}: {model} ({org}, {date}), {value}.", "ko": "{korea}에서 가장 큰 모델: {model}({org}, {date}), {value}."},
    "describe.latest_model": {"en": "Latest: {model} ({org}, {date}), {value}.", "ko": "가장 최근 모델: {model}({org}, {date}), {value}."},
    "describe.timeline": {"en": "{title}: {n} events from {start} to {end}.", "ko": "{title}: {start}부터 {end}까지 이벤트 {n}건."},
    "describe.by_country": {"en": "By country: {items}.", "ko": "국가별: {items}."},
    "describe.by_category": {"en": "By category: {items}.", "ko": "분야별: {items}."},
    "describe.latest_event": {"en": "Latest: {date}, {country}, {title} ({category}).", "ko": "가장 최근: {date}, {country}, {title}({category})."},
    "describe.world_rank": {"en": "Among all {n} reporters, {country} ranks {rank} in {year}.", "ko": "{year}년 전체 보고국 {n}곳 중 {country} {rank}위입니다."},
    "describe.incomplete_year": {"en": "{year}: large exporters missing ({missing}); shares overstated, not ranked.", "ko": "{year}년: 주요 수출국 누락({missing}), 점유율이 과대평가되어 순위에서 제외했습니다."},
}

CATEGORY_NAMES = {
    "strategy": ("Strategy", "전략"), "law": ("Law", "법률"), "funding": ("Funding", "재정 지원"),
    "chips": ("Chips", "반도체"), "compute": ("Compute", "컴퓨팅"), "talent": ("Talent", "인재"),
    "data": ("Data", "데이터"), "regulation": ("Regulation", "규제"),
}


def t(key: str, lang: str, **values: object) -> str:
    """The text ``key`` in ``lang`` (English when a Korean text is missing), formatted with ``values``; in
    Korean, a particle written both ways after a value ("{peer}을(를)") takes the form its word needs."""
    entry = TEXT[key]
    text = entry.get(lang) or entry["en"]
    if not values:
        return text
    text = text.format(**values)
    return particles(text) if lang == "ko" else text


#: Korean particles written both ways, (after a final consonant, after a vowel).
PARTICLES = {"은(는)": ("은", "는"), "이(가)": ("이", "가"), "을(를)": ("을", "를"), "와(과)": ("과", "와")}
_PARTICLE = re.compile(r"([가-힣])(" + "|".join(re.escape(p) for p in PARTICLES) + ")")


def particles(text: str) -> str:
    """"한국은(는)" → "한국은", "대만이(가)" → "대만이", "미국을(를)" → "미국을": by the last syllable's final
    consonant. After anything but a Hangul syllable (a code, a number) both forms stay."""
    def choose(match: re.Match) -> str:
        syllable, both = match.groups()
        closed = (ord(syllable) - ord("가")) % 28 != 0
        return syllable + PARTICLES[both][0 if closed else 1]
    return _PARTICLE.sub(choose, text)


def category_name(category: str, lang: str) -> str:
    en, ko = CATEGORY_NAMES.get(category, (category, category))
    return ko if lang == "ko" else en


def fmt_number(value: float | None, lang: str, unit: str = "") -> str:
    """A number for reading: thousands separators, and large amounts in words (bn / 억, 조)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    money = unit.startswith("USD")
    magnitude = abs(value)
    if lang == "ko" and magnitude >= 1e8:
        scaled = f"{value / 1e12:,.1f}조" if magnitude >= 1e12 else f"{value / 1e8:,.0f}억"
        return scaled + (" 달러" if money else "")
    if lang != "ko" and magnitude >= 1e9:
        scaled = f"{value / 1e12:,.2f} tn" if magnitude >= 1e12 else f"{value / 1e9:,.1f} bn"
        return ("$" if money else "") + scaled
    digits = 0 if magnitude >= 100 or (unit != "%" and float(value).is_integer()) else 2 if magnitude >= 1 else 3
    text = f"{value:,.{digits}f}"
    return text + (" %" if unit == "%" else "")


def fmt_date(value: date | datetime | None, lang: str) -> str:
    if value is None:
        return "–"
    return f"{value.year}년 {value.month}월 {value.day}일" if lang == "ko" else value.strftime("%d %b %Y")
