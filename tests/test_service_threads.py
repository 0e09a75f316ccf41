"""One engine, many threads: turns share nothing mutable, so conversations run side by side
give exactly what they give one after another; and the API loads no store, no terminal."""

from __future__ import annotations

import subprocess
import sys
import threading
from typing import Any

import bot
from test_protocol import ANSWERS, DATE

STATUSES = ["private_employee", "public_agent", "self_employed", "job_seeker", "esat_worker", "retired",
            "not_working", "apprentice"]
TRAININGS = ["certification", "driving_licence", "skills_assessment", "vae", "other"]


def profile(n: int) -> dict[str, Any]:
    """The n-th of 200 different people (status, training, balance, hours vary)."""
    return {**ANSWERS, "status": STATUSES[n % len(STATUSES)], "training_kind": TRAININGS[n // 8 % len(TRAININGS)],
            "balance": 100 * (n % 13), "annual_hours": 300 + 10 * n, "working_time": ("half_or_more", "under_half")[n % 2]}


def conversation(n: int) -> list[Any]:
    """Every reply of the n-th person's conversation, with a back and a language switch."""
    answers = profile(n)
    chat = bot.start(lang=("fr", "en")[n % 2], date=DATE)
    replies: list[Any] = [chat.reply]
    first = True
    while chat.question is not None:
        replies.append(chat.answer(answers[chat.question["id"]]))
        if first:
            replies.append(chat.command("back"))
            replies.append(chat.command("lang:en" if n % 2 == 0 else "lang:fr"))
            first = False
    replies.append(chat.assessment())
    return replies


def test_eight_threads_of_200_conversations_give_what_one_after_another_gives() -> None:
    alone = [conversation(n) for n in range(200)]
    together: list[list[Any] | None] = [None] * 200
    errors: list[BaseException] = []
    start = threading.Barrier(8)

    def worker(first: int) -> None:
        try:
            start.wait()
            for n in range(first, 200, 8):
                together[n] = conversation(n)
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)

    threads = [threading.Thread(target=worker, args=(k,)) for k in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert together == alone
    assert len({repr(replies[-1]) for replies in alone}) > 50  # 200 people, many different results


def test_the_api_loads_neither_a_store_nor_the_terminal_libraries() -> None:
    code = (
        "import sys, bot\n"
        "chat = bot.start(lang='en', date='2026-06-01')\n"
        "while chat.question is not None:\n"
        "    chat.answer({'status': 'job_seeker', 'age': 30, 'balance': None, 'years_worked': 2,\n"
        "                 'training_kind': 'certification', 'training_cost': 900, 'training_start': '2026-09-01',\n"
        "                 'disability_boe': False, 'diploma': 'bac', 'cofunding': 'none',\n"
        "                 'training_months': 2}.get(chat.question['id'], False))\n"
        "assert chat.reply['assessment'] is not None, chat.reply\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'sqlite3', '_sqlite3', 'rich', 'prompt_toolkit'}))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]", done.stderr
