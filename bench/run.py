"""Benchmarks that print figures (not timed tests): engine speed and command cold start.

Aims on the project machine (2 cores): one assessment under 1 ms in-process, one screen of
the interview (``next_turn``) about the cost of one assessment (it runs one), and
``symptom-decoder --help`` under 300 ms.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from symptom_decoder.knowledge import Pack

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT.parent / "shared" / "contract" / "examples"


def _cases() -> dict[str, dict[str, object]]:
    cases: dict[str, dict[str, object]] = {"empty": {}}
    for path in sorted(EXAMPLES.glob("*.json")):
        case = json.loads(path.read_text())
        if "exit_code" not in case["expect"]:
            cases[path.stem] = case["answers"]
    return cases


def engine() -> None:
    from symptom_decoder.engine import assess, compiled
    from symptom_decoder.knowledge import load_pack

    print(f"engine: {compiled()[1]}")

    t0 = time.perf_counter()
    pack = load_pack()
    assess({}, pack)
    print(f"pack load + first assessment: {(time.perf_counter() - t0) * 1000:.0f} ms")
    _varied(pack)
    for name, answers in _cases().items():
        runs = []
        for _ in range(5):
            n = 200
            start = time.perf_counter()
            for _ in range(n):
                assess(answers, pack)
            runs.append((time.perf_counter() - start) / n)
        best = min(runs)
        print(f"assess {name:<22} {best * 1000:6.2f} ms each  {1 / best:7.0f} per second")
    _breakdown(pack, _cases()["classic-night-cramps"])


def _varied(pack: Pack) -> None:
    """The aim's figure: 2,000 different answer sets, each assessed once per run, so no
    cache of repeated answers can flatter it."""
    from varied import answer_sets

    from symptom_decoder.answers import validate_answers
    from symptom_decoder.engine import assess

    sets = [validate_answers(a) for a in answer_sets(2000)]
    for answers in sets[:100]:
        assess(answers, pack)
    runs = []
    for _ in range(5):
        start = time.perf_counter()
        for answers in sets:
            assess(answers, pack)
        runs.append((time.perf_counter() - start) / len(sets))
    best = min(runs)
    print(f"assess 2,000 varied answer sets {best * 1000:6.2f} ms each  {1 / best:7.0f} per second"
          " (aim: under 1 ms)")


def _breakdown(pack: Pack, answers: dict[str, object]) -> None:
    """Where one assessment's time goes: the decision, the missing-answer ranking, the rest."""
    from symptom_decoder.engine._decide import decide
    from symptom_decoder.engine._missing import rank_missing
    from symptom_decoder.engine._plan import compile_pack

    plan = compile_pack(pack)
    n = 500
    start = time.perf_counter()
    for _ in range(n):
        base, ctx = decide(plan, answers)
    decided = (time.perf_counter() - start) / n
    start = time.perf_counter()
    for _ in range(n):
        rank_missing(plan, base, ctx)
    ranked = (time.perf_counter() - start) / n
    print(f"  of which: decision {decided * 1000:.2f} ms, ranking missing answers "
          f"{ranked * 1000:.2f} ms")


def interview() -> None:
    """One screen of the check (``next_turn``) at each step of the tired persona's quick
    check: what every page of /assess and every call of /api/v1/interview costs."""
    from symptom_decoder.answers import get_path, set_path
    from symptom_decoder.engine import next_turn
    from symptom_decoder.knowledge import load_pack

    pack = load_pack()
    persona = ROOT / "tests" / "fixtures" / "personas" / "tired-30-weeks.json"
    full = json.loads(persona.read_text())["answers"]
    answers: dict[str, object] = {"schema": "answers/v1"}
    skipped: list[str] = []
    screen = 0
    while True:
        screen += 1
        n = 50
        start = time.perf_counter()
        for _ in range(n):
            turn = next_turn(answers, pack, skipped=skipped, mode="quick")
        each = (time.perf_counter() - start) / n
        print(f"interview screen {screen}: {each * 1000:6.2f} ms")
        if turn.done:
            break
        for q in turn.questions:
            value = get_path(full, q.path)
            if value is None and not turn.checklist:
                skipped.append(q.path)
            else:
                set_path(answers, q.path, False if value is None else value)


def cold_start() -> None:
    command = Path(sys.executable).with_name("symptom-decoder")
    times = []
    for _ in range(7):
        start = time.perf_counter()
        subprocess.run([str(command), "--help"], capture_output=True, check=True)
        times.append(time.perf_counter() - start)
    print(f"symptom-decoder --help cold start: median {statistics.median(times) * 1000:.0f} ms, "
          f"best {min(times) * 1000:.0f} ms (aim: under 300 ms)")


if __name__ == "__main__":
    engine()
    interview()
    cold_start()
