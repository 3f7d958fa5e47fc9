"""Cheap-query latency while heavy requests run, on one real uvicorn worker on loopback.

Starts ``competency-graph serve`` on the shipped ontology, then measures the latency of a
cheap query (``{ rules { id } }``) sent one at a time: first alone, then while ``--heavy``
clients keep whole-graph ``check`` requests in flight (each sends the next as soon as the
previous one is answered; a 503 over the server's cap is retried after 50 ms). Heavy work
runs in threads, at most ``--max-heavy`` at once, so the event loop keeps answering.

Run:  python bench/bench_heavy.py [--requests 200] [--heavy 4] [--max-heavy 2]
"""

from __future__ import annotations

import argparse
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time

import httpx

CHEAP = {"query": "{ rules { id } }"}
HEAVY = {"query": "{ check { conforms } }"}


def free_port() -> int:
    """A port nothing listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def percentiles(samples: list[float]) -> tuple[float, float]:
    """p50 and p99 in milliseconds."""
    ordered = sorted(samples)
    p99 = ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]
    return statistics.median(ordered) * 1000, p99 * 1000


def cheap_latencies(client: httpx.Client, count: int) -> list[float]:
    """Seconds of ``count`` cheap queries, one after another."""
    samples = []
    for _ in range(count):
        started = time.perf_counter()
        response = client.post("/graphql", json=CHEAP)
        samples.append(time.perf_counter() - started)
        assert response.status_code == 200, response.text
    return samples


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200, help="cheap queries per phase")
    parser.add_argument("--heavy", type=int, default=4, help="heavy requests kept in flight")
    parser.add_argument("--max-heavy", type=int, default=2, help="the server's --max-heavy")
    args = parser.parse_args()

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    command = [sys.executable, "-m", "competency_graph", "serve", "--port", str(port)]
    command += ["--log-level", "warning", "--max-heavy", str(args.max_heavy)]
    server = subprocess.Popen(command)
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                httpx.get(f"{base}/healthz", timeout=1)
                break
            except httpx.TransportError:
                if server.poll() is not None or time.monotonic() > deadline:
                    print("the server did not start", file=sys.stderr)
                    return 1
                time.sleep(0.2)
        with httpx.Client(base_url=base, timeout=120) as client:
            cheap_latencies(client, 20)  # warm-up: parse caches, connection
            alone = cheap_latencies(client, args.requests)

            stop = threading.Event()
            counts = {"answered": 0, "refused": 0}

            def heavy_client() -> None:
                with httpx.Client(base_url=base, timeout=300) as own:
                    while not stop.is_set():
                        status = own.post("/graphql", json=HEAVY).status_code
                        counts["answered" if status == 200 else "refused"] += 1
                        if status == 503:
                            time.sleep(0.05)

            threads = [threading.Thread(target=heavy_client) for _ in range(args.heavy)]
            for thread in threads:
                thread.start()
            time.sleep(1.0)  # let the heavy requests start
            loaded = cheap_latencies(client, args.requests)
            stop.set()
            for thread in threads:
                thread.join()
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()

    print(f"cheap query {CHEAP['query']}: {args.requests} requests per phase, ms")
    print(f"{'phase':44} {'p50':>8} {'p99':>8}")
    print(f"{'alone':44} {percentiles(alone)[0]:8.1f} {percentiles(alone)[1]:8.1f}")
    label = f"with {args.heavy} heavy check clients (cap {args.max_heavy})"
    print(f"{label:44} {percentiles(loaded)[0]:8.1f} {percentiles(loaded)[1]:8.1f}")
    print(f"heavy: {counts['answered']} checks answered, {counts['refused']} refused with 503")
    return 0


if __name__ == "__main__":
    sys.exit(main())
