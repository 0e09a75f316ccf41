"""Benchmark of `cpf-bot web` over HTTP beside `cpf-bot serve`, in the same run.

    python benchmarks/web.py            # 200 conversations; serve, web with 1 and 2 workers
    python benchmarks/web.py --short    # CI: 12 conversations, a few hundred requests

Real processes on 127.0.0.1, each on its own SQLite store file (the default kind of
store): `cpf-bot serve` fed one request line at a time (a host console's round trip),
and `cpf-bot web --workers N` driven by a small asyncio HTTP/1.1 client with keep-alive
connections. Each conversation starts, answers every question of an employee's walk to
the result (16 requests), and starts again, until the run's budget of requests is spent.
The web runs are measured three ways: the 200 conversations sharing 16 connections (a
help desk's server in front of its people, as fast as the server answers), all 200
waiting on their replies at once (a crowd arriving together), and paced: 200 people who
take a moment between turns (150 requests/s offered in all), the latency a person sees.
With no pause, latency is mostly queueing: in-flight requests / throughput.
Printed: requests per second, the p50 and p99 latency of a request, the servers' CPU
time per request (from /proc: what a turn costs, whatever else the machine is doing, so
the fairest comparison on a shared machine), and the ratios to the goals (a worker does
at least half the turns/s of `serve`; p99 under 20 ms).

The client shares the machine's cores with the servers, so these are lower bounds for
a server on machines of its own. Exits 1 only if something is broken (a refused
request, a wrong reply), never because of timings.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DATE = "2026-06-01"
ANSWERS: dict[str, Any] = {
    "status": "private_employee", "age": 40, "working_time": "half_or_more", "diploma": "none",
    "low_qualification_declared": False, "disability_boe": False, "balance": 1000,
    "training_kind": "certification", "cofunding": "none", "training_cost": 1500, "uses_c2p": False,
    "incapacity_retraining": False, "during_work_hours": True, "training_start": "2026-09-01",
    "training_months": 3, "receives_pension": False, "other_status": "none", "cec_balance": 0,
}
GOAL_RATIO = 0.5  # a web worker's turns/s over serve's
GOAL_P99_MS = 20.0
PACED_RATE = 150  # requests per second offered in the paced runs (people who think between turns)


class Broken(Exception):
    pass


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _stat(pid: int) -> list[str]:
    with open(f"/proc/{pid}/stat", encoding="ascii") as f:
        return f.read().rsplit(")", 1)[1].split()


def cpu_times(root: int) -> dict[int, float]:
    """CPU time (user + system, seconds) of a process and each of its descendants (uvicorn's
    workers), from /proc: what a run cost the servers, whatever else the machine was doing."""
    try:
        stats = {}
        for name in os.listdir("/proc"):
            if name.isdigit():
                try:
                    stats[int(name)] = _stat(int(name))
                except OSError:
                    pass  # gone meanwhile
    except OSError:
        return {}
    family, found = {root}, True
    while found:
        found = False
        for pid, fields in stats.items():
            if pid not in family and int(fields[1]) in family:
                family.add(pid)
                found = True
    ticks = os.sysconf("SC_CLK_TCK")
    return {pid: (int(stats[pid][11]) + int(stats[pid][12])) / ticks for pid in family if pid in stats}


def cpu_between(before: dict[int, float], after: dict[int, float]) -> float:
    """CPU seconds spent between two readings (a process that ended in between is not counted)."""
    return sum(max(0.0, spent - before.get(pid, 0.0)) for pid, spent in after.items())


def command(*args: str) -> list[str]:
    return [sys.executable, "-m", "bot", *args]


def environment() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT)}


# -- serve -------------------------------------------------------------------------------------------


def bench_serve(folder: Path, conversations: int, budget: int) -> tuple[float, list[float], float]:
    """Requests/s and latencies (ms) of `serve`, one request line at a time."""
    process = subprocess.Popen(command("serve", "--store", str(folder / "serve.sqlite3"), "--lang", "en"),
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=environment(), cwd=ROOT,
                               text=True, encoding="utf-8")
    assert process.stdin is not None and process.stdout is not None
    latencies: list[float] = []
    question: dict[str, str | None] = {}
    generation = {f"c{n}": 0 for n in range(conversations)}

    def request(line: dict[str, Any]) -> dict[str, Any]:
        began = time.perf_counter()
        process.stdin.write(json.dumps(line) + "\n")  # type: ignore[union-attr]
        process.stdin.flush()  # type: ignore[union-attr]
        reply: dict[str, Any] = json.loads(process.stdout.readline())  # type: ignore[union-attr]
        latencies.append((time.perf_counter() - began) * 1000)
        if not reply.get("ok"):
            raise Broken(f"serve refused {line}: {reply}")
        return reply

    request({"session": "warm-up", "start": {"lang": "en", "date": DATE}})
    latencies.clear()
    cpu = cpu_times(process.pid)
    began = time.perf_counter()
    while len(latencies) < budget:
        for name in generation:  # every conversation takes one step, in turn: all 200 stay live
            current = question.get(name)
            if current is None:
                generation[name] += 1
                reply = request({"session": f"{name}-{generation[name]}", "start": {"lang": "en", "date": DATE}})
            else:
                reply = request({"session": f"{name}-{generation[name]}", "answer": ANSWERS[current]})
            question[name] = reply["question"]["id"] if reply["question"] else None
    elapsed = time.perf_counter() - began
    spent = cpu_between(cpu, cpu_times(process.pid))
    process.stdin.close()
    process.wait(10)
    return len(latencies) / elapsed, latencies, spent / len(latencies)


# -- web ----------------------------------------------------------------------------------------------


class Connection:
    """One keep-alive HTTP/1.1 connection: JSON requests, JSON replies."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader, self.writer = reader, writer

    @classmethod
    async def open(cls, port: int) -> Connection:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        return cls(reader, writer)

    async def post(self, path: str, data: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        body = json.dumps(data).encode()
        head = (f"POST {path} HTTP/1.1\r\nHost: bench\r\nContent-Type: application/json\r\n"
                f"Content-Length: {len(body)}\r\n\r\n").encode()
        self.writer.write(head + body)
        header = await self.reader.readuntil(b"\r\n\r\n")
        status = int(header.split(b" ", 2)[1])
        length = 0
        for line in header.split(b"\r\n")[1:]:
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value)
        reply: dict[str, Any] = json.loads(await self.reader.readexactly(length))
        return status, reply

    def close(self) -> None:
        self.writer.close()


async def drive(port: int, conversations: int, connections: int, budget: int,
                think: float = 0.0) -> tuple[float, list[float]]:
    """Requests/s and latencies (ms); `think`: seconds a person takes between two turns (on average)."""
    pool: asyncio.Queue[Connection] = asyncio.Queue()
    for _ in range(connections):
        pool.put_nowait(await Connection.open(port))
    latencies: list[float] = []

    async def post(path: str, data: dict[str, Any]) -> dict[str, Any]:
        connection = await pool.get()
        began = time.perf_counter()
        try:
            status, reply = await connection.post(path, data)
        finally:
            pool.put_nowait(connection)
        latencies.append((time.perf_counter() - began) * 1000)
        if status not in (200, 201) or not reply.get("ok"):
            raise Broken(f"web refused {path} {data}: {status} {reply}")
        return reply

    async def conversation(number: int) -> None:
        if think:
            await asyncio.sleep(think * number / conversations)  # people arrive spread out
        while len(latencies) < budget:
            reply = await post("/v1/sessions", {"lang": "en", "date": DATE})
            session = reply["session"]
            while reply["question"] is not None and len(latencies) < budget:
                if think:
                    await asyncio.sleep(think * (0.5 + random.random()))
                reply = await post(f"/v1/sessions/{session}/turns",
                                   {"answer": ANSWERS[reply["question"]["id"]], "turn": reply["turn"]})

    began = time.perf_counter()
    await asyncio.gather(*(conversation(n) for n in range(conversations)))
    elapsed = time.perf_counter() - began
    while not pool.empty():
        pool.get_nowait().close()
    return len(latencies) / elapsed, latencies


def web_server(folder: Path, workers: int) -> tuple[subprocess.Popen[bytes], int]:
    port = free_port()
    store = folder / f"web-{workers}.sqlite3"
    process = subprocess.Popen(command("web", "--store", str(store), "--port", str(port), "--workers", str(workers),
                                       "--rate-limit", "0", "--lang", "en"),
                               stderr=subprocess.DEVNULL, env=environment(), cwd=ROOT)
    for _ in range(300):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1) as response:
                if response.status == 200:
                    return process, port
        except OSError:
            time.sleep(0.05)
    process.kill()
    raise Broken("cpf-bot web did not start")


def bench_web(folder: Path, workers: int, conversations: int, connections: int, budget: int,
              think: float = 0.0) -> tuple[float, list[float], float]:
    process, port = web_server(folder, workers)
    try:
        asyncio.run(drive(port, conversations, min(connections, conversations), budget // 10))  # warm-up
        cpu = cpu_times(process.pid)
        rate, latencies = asyncio.run(drive(port, conversations, min(connections, conversations), budget, think))
        after = cpu_times(process.pid)
        if set(cpu) - set(after):
            print(f"note: a worker of the {workers}-worker server ended during a run (uvicorn replaced it); "
                  "its CPU time is not counted", file=sys.stderr)
        return rate, latencies, cpu_between(cpu, after) / len(latencies)
    finally:
        process.terminate()
        process.wait(15)


Result = tuple[float, list[float], float]  # requests/s, latencies (ms), server CPU seconds a request


def rows(results: dict[str, Result]) -> Iterator[str]:
    serve_rate, serve_cpu = results["serve"][0], results["serve"][2]
    yield (f"{'run':<40} {'req/s':>7} {'vs serve':>8} {'p50 ms':>7} {'p99 ms':>8} "
           f"{'CPU µs/req':>10} {'req/s per core':>14} {'vs serve':>8}")
    for name, (rate, latencies, cpu) in results.items():
        per_core = 1 / cpu if cpu else 0.0
        yield (f"{name:<40} {rate:>7.0f} {rate / serve_rate:>7.2f}x {statistics.median(latencies):>7.2f} "
               f"{percentile(latencies, 0.99):>8.2f} {cpu * 1e6:>10.0f} {per_core:>14.0f} "
               f"{(serve_cpu / cpu if cpu else 0):>7.2f}x")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--short", action="store_true", help="a quick run (CI)")
    args = parser.parse_args(argv)
    conversations = 12 if args.short else 200
    budget = 240 if args.short else 6000
    think = conversations / PACED_RATE  # seconds between a person's turns, for PACED_RATE requests/s in all
    results: dict[str, Result] = {}
    load = f"{os.getloadavg()[0]:.2f}"
    with tempfile.TemporaryDirectory() as folder:
        results["serve (one line at a time)"] = bench_serve(Path(folder), conversations, budget)
        for workers in (1, 2):
            label = f"web, {workers} worker{'s' if workers > 1 else ''}"
            results[f"{label}, {conversations} conv., 16 in flight"] = bench_web(
                Path(folder), workers, conversations, 16, budget)
            results[f"{label}, {conversations} conv., all in flight"] = bench_web(
                Path(folder), workers, conversations, conversations, budget)
            results[f"{label}, {conversations} conv., paced"] = bench_web(
                Path(folder), workers, conversations, conversations, budget // 2, think)
    results = {"serve": results.pop("serve (one line at a time)"), **results}
    print(f"{conversations} concurrent conversations, {budget} requests a run, {os.cpu_count()} cores "
          f"(client and servers share them), load average before: {load}, after: {os.getloadavg()[0]:.2f}")
    for line in rows(results):
        print(line)
    one = results[f"web, 1 worker, {conversations} conv., 16 in flight"]
    paced = results[f"web, 1 worker, {conversations} conv., paced"]
    ratio = one[0] / results["serve"][0]
    cpu_ratio = results["serve"][2] / one[2] if one[2] else 0.0
    print(f"paced: each person waits {think:.2f} s on average between turns ({PACED_RATE} requests/s offered)")
    print(f"goal, a worker >= {GOAL_RATIO:.0%} of serve's turns/s: {ratio:.2f}x by the clock, "
          f"{cpu_ratio:.2f}x by server CPU per request ({'met' if max(ratio, cpu_ratio) >= GOAL_RATIO else 'not met'})")
    for name, run in (("paced", paced), ("16 in flight", one)):
        p99 = percentile(run[1], 0.99)
        print(f"goal, p99 < {GOAL_P99_MS:.0f} ms, 1 worker, {name}: {p99:.1f} ms ({'met' if p99 < GOAL_P99_MS else 'not met'})")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except Broken as error:
        print(f"broken: {error}", file=sys.stderr)
        sys.exit(1)
