#!/usr/bin/env python3
"""Exact, request-level simulation of ONE pod: an independent oracle for issue 14.

Model (every request is simulated individually):
  * Poisson arrivals, rate LAM per second.
  * C worker slots (the pod's concurrency). A request that finds all C busy waits in a
    FIFO queue. With --queue-timeout TAU it leaves the queue (fails, "timed out") once it
    has waited TAU seconds without getting a worker; a request that got a worker is
    always served to the end.
  * Holding a worker, a request needs
      - CPU work X core-seconds, X ~ Exp(mean S) (--work exp) or X = S (--work det);
      - a fixed non-CPU wait W seconds (I/O to a store): holds the worker, not the CPU.
        --w-order before: the wait comes first, then the CPU; after: CPU, then the wait.
  * CPU: the pod has L cores (its limit, or its CFS share). The n requests in their CPU
    phase share them by processor sharing, each getting min(1, L/n) cores: a request is a
    single thread and cannot use more than one core.

Reported (over R independent replications, each with its own seed): mean, p50, p95, p99
of the response time of served requests (arrival to completion, queueing included), the
share of requests that timed out in the queue, throughput (served per second), CPU cores
used, and for each a 95 % confidence half-width (Student t over the replications).

Statistics: each replication discards the first WARMUP arrivals, then measures the next N
arrivals ("tagged"); arrivals continue (untagged) until every tagged request has left, so
the last tagged requests see the same load as the others. Quantiles are per replication,
then averaged over replications.

Random numbers: numpy PCG64 seeded with (seed, replication index), so a case is exactly
reproducible: `python3 pod_ps.py --lam 0.8 --c 1 --L 1 --S 1 --seed 1 --reps 20`.
"""

from __future__ import annotations

import argparse
import heapq
import json
import math
import sys
import time
from collections import deque

import numpy as np

# Student t 0.975 quantiles for small degrees of freedom (df >= 30: normal approximation).
_T975 = {1: 12.706, 2: 4.303, 3: 3.182, 4: 2.776, 5: 2.571, 6: 2.447, 7: 2.365, 8: 2.306,
         9: 2.262, 10: 2.228, 11: 2.201, 12: 2.179, 13: 2.160, 14: 2.145, 15: 2.131,
         16: 2.120, 17: 2.110, 18: 2.101, 19: 2.093, 20: 2.086, 24: 2.064, 29: 2.045}


def t975(df: int) -> float:
    if df >= 30:
        return 1.96 + 2.4 / df  # within 0.3 % of the exact t quantile for df >= 30
    keys = sorted(k for k in _T975 if k <= df)
    return _T975[keys[-1]]


class _Stream:
    """Chunked numpy draws, consumed one at a time (fast in CPython)."""

    def __init__(self, rng: np.random.Generator, mean: float, kind: str, chunk: int = 1 << 16):
        self.rng, self.mean, self.kind, self.chunk = rng, mean, kind, chunk
        self.buf: list[float] = []
        self.i = 0

    def next(self) -> float:
        if self.kind == "det":
            return self.mean
        if self.i >= len(self.buf):
            self.buf = self.rng.exponential(self.mean, self.chunk).tolist()
            self.i = 0
        x = self.buf[self.i]
        self.i += 1
        return x


def replicate(lam: float, c: int, L: float, S: float, work: str, W: float, w_order: str,
              queue_timeout: float | None, n: int, warmup: int, seed: int, rep: int) -> dict:
    """One replication; returns its statistics."""
    rng_arr = np.random.Generator(np.random.PCG64([seed, rep, 1]))
    rng_work = np.random.Generator(np.random.PCG64([seed, rep, 2]))
    inter = _Stream(rng_arr, 1.0 / lam, "exp")
    works = _Stream(rng_work, S, work)
    w_first = W > 0 and w_order == "before"
    w_last = W > 0 and w_order == "after"
    tau = queue_timeout

    total_tagged_end = warmup + n
    t = 0.0
    next_arrival = inter.next()
    arrivals = 0           # arrivals so far (index of the next one)
    busy = 0               # workers held
    queue: deque = deque()  # (arrival time, tagged) waiting for a worker, FIFO
    wq: deque = deque()     # (end time, arrival time, tagged) in the non-CPU wait, FIFO (W fixed)
    ps: list = []           # heap of (virtual finish, seq, arrival time, tagged) in the CPU phase
    seq = 0
    vtime = 0.0             # attained service per CPU-phase request (virtual time)
    t_ps = 0.0              # when vtime was last brought up to date
    cpu_busy_integral = 0.0  # integral of cores in use, over the tagged window
    window_start = None
    window_end = None

    sojourns: list[float] = []
    hold_sum = 0.0
    hold_sq = 0.0
    timed_out = 0
    tagged_left = n          # tagged requests not yet finished (served or timed out)
    inf = math.inf

    def rate(k: int) -> float:
        return 1.0 if k <= L else L / k

    while tagged_left > 0:
        # --- next event among: arrival, CPU completion, W completion, queue abandonment
        k = len(ps)
        if k:
            r = rate(k)
            t_cpu = t_ps + (ps[0][0] - vtime) / r
        else:
            t_cpu = inf
        t_w = wq[0][0] if wq else inf
        t_ab = queue[0][0] + tau if (tau is not None and queue) else inf
        t_next = next_arrival
        ev = 0
        if t_cpu < t_next:
            t_next, ev = t_cpu, 1
        if t_w < t_next:
            t_next, ev = t_w, 2
        if t_ab < t_next:
            t_next, ev = t_ab, 3

        # --- advance the CPU clock (virtual time) and the cores-in-use integral
        if k:
            r = rate(k)
            vtime += r * (t_next - t_ps)
            if window_start is not None and window_end is None:
                cpu_busy_integral += min(k, L) * (t_next - t_ps)
        t_ps = t_next
        t = t_next

        if ev == 0:  # arrival
            tagged = warmup <= arrivals < total_tagged_end
            if arrivals == warmup:
                window_start = t
            arrivals += 1
            if arrivals == total_tagged_end:
                window_end = t
            next_arrival = t + inter.next()
            if busy < c:
                busy += 1
                if w_first:
                    wq.append((t + W, t, t, tagged))
                else:
                    seq += 1
                    heapq.heappush(ps, (vtime + works.next(), seq, t, t, tagged))
            else:
                queue.append((t, tagged))
            continue

        if ev == 1:  # CPU phase done
            _, _, a, adm, tagged = heapq.heappop(ps)
            if w_last:
                wq.append((t + W, a, adm, tagged))
                continue
        elif ev == 2:  # non-CPU wait done
            _, a, adm, tagged = wq.popleft()
            if w_first:
                seq += 1
                heapq.heappush(ps, (vtime + works.next(), seq, a, adm, tagged))
                continue
        else:  # ev == 3: the head of the queue gives up
            _, tagged = queue.popleft()
            if tagged:
                timed_out += 1
                tagged_left -= 1
            continue

        # a request leaves, served: free its worker
        if tagged:
            sojourns.append(t - a)
            hold = t - adm
            hold_sum += hold
            hold_sq += hold * hold
            tagged_left -= 1
        if queue:
            qa, qtag = queue.popleft()
            if w_first:
                wq.append((t + W, qa, t, qtag))
            else:
                seq += 1
                heapq.heappush(ps, (vtime + works.next(), seq, qa, t, qtag))
        else:
            busy -= 1

    span = (window_end if window_end is not None else t) - window_start
    arr = np.asarray(sojourns)
    q = np.quantile(arr, [0.5, 0.95, 0.99]) if len(arr) else [math.nan] * 3
    return {
        "mean": float(arr.mean()) if len(arr) else math.nan,
        "p50": float(q[0]), "p95": float(q[1]), "p99": float(q[2]),
        "timeout_share": timed_out / n,
        "throughput": len(arr) / span,
        "cpu_cores": cpu_busy_integral / span,
        "hold_mean": hold_sum / len(arr) if len(arr) else math.nan,
        "hold_scv": (hold_sq / len(arr)) / (hold_sum / len(arr)) ** 2 - 1 if len(arr) else math.nan,
    }


def run(lam, c, L, S, work="exp", W=0.0, w_order="before", queue_timeout=None,
        n=200_000, warmup=20_000, seed=1, reps=10) -> dict:
    keys = ["mean", "p50", "p95", "p99", "timeout_share", "throughput", "cpu_cores",
            "hold_mean", "hold_scv"]
    per = [replicate(lam, c, L, S, work, W, w_order, queue_timeout, n, warmup, seed, r)
           for r in range(reps)]
    out = {"params": dict(lam=lam, c=c, L=L, S=S, work=work, W=W, w_order=w_order,
                          queue_timeout=queue_timeout, n=n, warmup=warmup, seed=seed,
                          reps=reps)}
    tq = t975(reps - 1) if reps > 1 else math.nan
    for k in keys:
        xs = np.array([p[k] for p in per])
        m = float(xs.mean())
        hw = float(tq * xs.std(ddof=1) / math.sqrt(reps)) if reps > 1 else math.nan
        out[k] = m
        out[k + "_hw"] = hw
    return out


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--lam", type=float, required=True, help="arrival rate, per second")
    ap.add_argument("--c", type=int, required=True, help="worker slots (concurrency)")
    ap.add_argument("--L", type=float, required=True, help="CPU cores available to the pod")
    ap.add_argument("--S", type=float, required=True, help="mean CPU work, core-seconds")
    ap.add_argument("--work", choices=["exp", "det"], default="exp")
    ap.add_argument("--W", type=float, default=0.0, help="fixed non-CPU wait, seconds")
    ap.add_argument("--w-order", choices=["before", "after"], default="before")
    ap.add_argument("--queue-timeout", type=float, default=None,
                    help="max wait for a worker, seconds (default: none)")
    ap.add_argument("--n", type=int, default=200_000, help="measured arrivals per replication")
    ap.add_argument("--warmup", type=int, default=20_000, help="discarded arrivals")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--reps", type=int, default=10)
    ap.add_argument("--json", action="store_true", help="print JSON")
    a = ap.parse_args(argv)
    t0 = time.time()
    res = run(a.lam, a.c, a.L, a.S, a.work, a.W, a.w_order, a.queue_timeout, a.n, a.warmup,
              a.seed, a.reps)
    res["seconds"] = round(time.time() - t0, 1)
    if a.json:
        print(json.dumps(res))
        return
    p = res["params"]
    print(f"lam={p['lam']} c={p['c']} L={p['L']} S={p['S']} work={p['work']} W={p['W']}"
          f" ({p['w_order']}) queue_timeout={p['queue_timeout']}"
          f"  reps={p['reps']} x n={p['n']} seed={p['seed']}")
    for k in ["mean", "p50", "p95", "p99", "timeout_share", "throughput", "cpu_cores",
              "hold_mean", "hold_scv"]:
        m, hw = res[k], res[k + "_hw"]
        rel = f" ({100 * hw / m:.2f} %)" if m else ""
        print(f"  {k:14s} {m:.6g} ± {hw:.3g}{rel}")
    print(f"  [{res['seconds']} s]")


if __name__ == "__main__":
    main()
