#!/usr/bin/env python3
"""The cheap pod formulas proposed in ../design.md, to compare with the simulator (pod_ps.py).

Pod: Poisson arrivals LAM; C workers with a FIFO queue (optional deterministic queue
timeout TAU); each request holds its worker for a fixed non-CPU wait W plus CPU work of mean
S core-seconds, the requests in their CPU phase sharing L cores (each at most one core).

1. Flow-equivalent server (Chandy-Herzog-Woo "Norton" decomposition): with m requests
   holding workers, the pod completes X(m) requests per second, the throughput of a closed
   network of m customers cycling through a delay station (mean W) and a processor-sharing
   station with service rate alpha(k) = min(k, L) cores when k are present:
       G(m) = sum_{k=0..m} W^(m-k)/(m-k)! * S^k / prod_{j<=k} alpha(j),  X(m) = G(m-1)/G(m).
   With W = 0: X(m) = min(m, L)/S.
2. The pod is then a birth-death process on n (requests in the pod): up rate LAM, down
   rate X(min(n, C)). Exact when W = 0 and the work is exponential; an approximation
   otherwise (the decomposition is exact for the subnetwork's product form, not for the
   FIFO queue in front with non-exponential work).
3. Queue timeout TAU (deterministic patience, M/M/c+D style): the offered wait V of an
   arrival that finds all C workers busy has density
       f(x) = LAM * pi_{C-1} * exp(-(nu - LAM) x)      for 0 < x <= TAU,
       f(x) = f(TAU) * exp(-nu (x - TAU))               for x > TAU,      nu = X(C),
   so P(timeout) = f(TAU)/nu and a served request's wait is a truncated exponential.
   Exact for M/M/c+D (Baccelli & Hebuterne 1981); valid at any load, overload included.
4. Response-time tail (approximation): T = Wq + W + E, E ~ Exp(mean h), h = holding time
   minus W, with Wq the truncated-exponential wait above (atom at 0). Closed form below.
"""

from __future__ import annotations

import math


def fes_throughputs(c: int, L: float, S: float, W: float) -> list[float]:
    """X(m) for m = 0..c (X(0) = 0)."""
    def alpha(k):
        return min(k, L)
    xs = [0.0]
    if W <= 0:
        return xs + [alpha(m) / S for m in range(1, c + 1)]
    # G(m) with terms t_k = W^(m-k)/(m-k)! * prod_{j<=k} S/alpha(j); computed in logs.
    logprod = [0.0]
    for k in range(1, c + 1):
        logprod.append(logprod[-1] + math.log(S / alpha(k)))

    def logG(m):
        terms = [(m - k) * math.log(W) - math.lgamma(m - k + 1) + logprod[k] for k in range(m + 1)]
        top = max(terms)
        return top + math.log(sum(math.exp(x - top) for x in terms))
    lg = [logG(m) for m in range(c + 1)]
    for m in range(1, c + 1):
        xs.append(math.exp(lg[m - 1] - lg[m]))
    return xs


def pod(lam: float, c: int, L: float, S: float, W: float = 0.0, tau: float | None = None) -> dict:
    """Mean figures of the pod; `tau` is the queue timeout (None: wait forever)."""
    X = fes_throughputs(c, L, S, W)
    nu = X[c]
    # unnormalised birth-death probabilities for n = 0..c-1 (relative to pi_0 = 1)
    p = [1.0]
    for j in range(1, c):
        p.append(p[-1] * lam / X[j])
    below = sum(p)
    busy_below = sum(j * p[j] for j in range(c))
    pc1 = p[c - 1]
    a = nu - lam
    if tau is None:
        if a <= 0:
            return {"stable": False, "capacity": nu}
        mass_wait = lam * pc1 / a                     # integral of f over (0, inf)
        mass_ab = 0.0
        wait_integral = lam * pc1 / (a * a)           # integral of x f(x)
    else:
        ea = math.exp(-a * tau)
        mass_served_wait = lam * pc1 * ((1 - ea) / a if abs(a) > 1e-15 else tau)
        mass_ab = lam * pc1 * ea / nu
        mass_wait = mass_served_wait + mass_ab
        if abs(a) > 1e-15:
            wait_integral = lam * pc1 * ((1 - ea) / (a * a) - tau * ea / a)
        else:
            wait_integral = lam * pc1 * tau * tau / 2
    norm = below + mass_wait
    p_timeout = mass_ab / norm
    p_wait_served = (mass_wait - mass_ab) / norm      # waited > 0 and got a worker
    served = lam * (1 - p_timeout)
    busy = (busy_below + c * mass_wait) / norm        # mean workers held
    hold = busy / served                              # mean holding time (Little)
    mean_wait_served = (wait_integral / norm) / (1 - p_timeout)
    # CPU: mean cores in use = served * S
    return {
        "stable": True, "capacity": nu, "X": X, "p_timeout": p_timeout,
        "p_wait": p_wait_served / (1 - p_timeout), "throughput": served,
        "mean_hold": hold, "mean_wait": mean_wait_served, "mean": mean_wait_served + hold,
        "cpu_cores": served * S, "gap": a,
    }


def tail(t: float, r: dict, W: float, tau: float | None) -> float:
    """P(T > t) for a served request under approximation 4."""
    h = r["mean_hold"] - W
    pw = r["p_wait"]
    a = r["gap"]
    x = t - W
    if x <= 0:
        return 1.0
    mu = 1.0 / h
    # E alone
    te = math.exp(-mu * x)
    # V + E, V with density K exp(-a v) on (0, T) (T = tau or inf)
    T = math.inf if tau is None else tau
    if T == math.inf:
        K = a
        upper = x
        pv = 0.0  # P(V > x) added below
    else:
        K = a / (1 - math.exp(-a * T)) if abs(a) > 1e-12 else 1.0 / T
        upper = min(x, T)
    d = a - mu
    if abs(d) > 1e-12:
        conv = K * math.exp(-mu * x) * (1 - math.exp(-d * upper)) / d
    else:
        conv = K * math.exp(-mu * x) * upper
    if x < T:
        if T == math.inf:
            pv = math.exp(-a * x)
        else:
            pv = K * (math.exp(-a * x) - math.exp(-a * T)) / a if abs(a) > 1e-12 else (T - x) / T
    else:
        pv = 0.0
    return (1 - pw) * te + pw * (conv + pv)


def quantile(q: float, r: dict, W: float, tau: float | None) -> float:
    lo, hi = 0.0, 1.0
    while tail(hi, r, W, tau) > 1 - q:
        hi *= 2
    for _ in range(200):
        mid = (lo + hi) / 2
        if tail(mid, r, W, tau) > 1 - q:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


if __name__ == "__main__":
    import argparse
    ap = argparse.ArgumentParser()
    ap.add_argument("--lam", type=float, required=True)
    ap.add_argument("--c", type=int, required=True)
    ap.add_argument("--L", type=float, required=True)
    ap.add_argument("--S", type=float, required=True)
    ap.add_argument("--W", type=float, default=0.0)
    ap.add_argument("--queue-timeout", type=float, default=None)
    a = ap.parse_args()
    r = pod(a.lam, a.c, a.L, a.S, a.W, a.queue_timeout)
    if not r["stable"]:
        print("unstable: capacity", r["capacity"])
    else:
        for k in ["capacity", "throughput", "p_timeout", "p_wait", "mean_wait", "mean_hold", "mean", "cpu_cores"]:
            print(f"{k:12s} {r[k]:.6g}")
        for q in (0.5, 0.95, 0.99):
            print(f"p{int(q*100):<11d} {quantile(q, r, a.W, a.queue_timeout):.6g}")


# ---------------------------------------------------------------------------------------
# Approximation 4b: the CPU residence as a mixture of exponentials over the number k of
# requests holding workers right after the tagged one is admitted (k = n+1 if it found
# n < C, else C), with means proportional to max(1, k/L) (its CPU share at admission),
# rescaled so that their weighted mean is the exact residence (mean_hold - W).
# The weights come from the same birth-death process (PASTA).  For the flow model the
# mixture can be collapsed to a two-phase hyperexponential with the same mean and SCV.

def admission_mixture(lam: float, c: int, L: float, S: float, W: float, r: dict,
                      tau: float | None):
    X = r["X"]
    p = [1.0]
    for j in range(1, c):
        p.append(p[-1] * lam / X[j])
    # mass of arrivals that find all busy and are eventually admitted
    below = sum(p)
    served_wait_mass = r["p_wait"] * (1 - r["p_timeout"])  # normalised
    norm_below = 1.0  # rescale p so that sum(p)/norm == P(n < c)
    # P(n = j) for j < c, normalised with the same constant as in pod()
    total_below = (1 - r["p_timeout"]) * (1 - r["p_wait"])  # P(admitted at once)
    scale = total_below / below
    w = [p[j] * scale for j in range(c)] + [0.0]
    # w[j] -> admitted with k = j+1; the waiting ones are admitted with k = c
    weights = {}
    for j in range(c):
        weights[j + 1] = weights.get(j + 1, 0.0) + w[j]
    weights[c] = weights.get(c, 0.0) + served_wait_mass
    tot = sum(weights.values())
    ks = sorted(weights)
    ws = [weights[k] / tot for k in ks]
    raw = [max(1.0, k / L) for k in ks]
    target = r["mean_hold"] - W
    m = sum(wi * ri for wi, ri in zip(ws, raw))
    means = [target * ri / m for ri in raw]
    return ws, means


def tail_mix(t: float, r: dict, W: float, tau: float | None, ws, means) -> float:
    total = 0.0
    for wi, mi in zip(ws, means):
        rr = dict(r)
        rr["mean_hold"] = W + mi
        total += wi * tail(t, rr, W, tau)
    return total


def quantile_mix(q, r, W, tau, ws, means):
    lo, hi = 0.0, 1.0
    while tail_mix(hi, r, W, tau, ws, means) > 1 - q:
        hi *= 2
    for _ in range(100):
        mid = (lo + hi) / 2
        if tail_mix(mid, r, W, tau, ws, means) > 1 - q:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


def approx(lam, c, L, S, W=0.0, tau=None) -> dict:
    """Means (exact for W = 0, exponential work) and quantiles under 4 and 4b."""
    r = pod(lam, c, L, S, W, tau)
    if not r["stable"]:
        return r
    ws, means = admission_mixture(lam, c, L, S, W, r, tau)
    out = dict(r)
    for q in (0.5, 0.95, 0.99):
        out[f"p{int(q * 100)}_exp"] = quantile(q, r, W, tau)
        out[f"p{int(q * 100)}_mix"] = quantile_mix(q, r, W, tau, ws, means)
    m1 = sum(w * m for w, m in zip(ws, means))
    m2 = sum(w * 2 * m * m for w, m in zip(ws, means))
    out["cpu_residence_scv_mix"] = m2 / (m1 * m1) - 1
    return out


# ---------------------------------------------------------------------------------------
# Approximation 4c (the design's proposal): 4b plus an Allen-Cunneen-type factor on the
# queueing wait for W > 0. The FES birth-death process treats completions of a full pod as
# a Poisson stream; when the holding time W + R is much less variable than exponential
# (a fixed wait W dominates) the true wait is shorter, by about (1 + SCV_H)/2. Weighted by
# sqrt(W / E[H]) so that W = 0 (where the birth-death process is exact) is left unchanged:
#     f = 1 + sqrt(W / E[H]) * ((1 + SCV_H)/2 - 1),   wait -> f * wait (rate a -> a / f).
# Applied only without a queue timeout (with one, the masses would need redoing too).

def approx_c(lam, c, L, S, W=0.0, tau=None) -> dict:
    out = approx(lam, c, L, S, W, tau)
    if not out.get("stable"):
        return out
    r = pod(lam, c, L, S, W, tau)
    ws, means = admission_mixture(lam, c, L, S, W, r, tau)
    m1 = sum(w * m for w, m in zip(ws, means))
    m2 = sum(w * 2 * m * m for w, m in zip(ws, means))
    H = W + m1
    scv = (m2 - m1 * m1) / (H * H)
    f = 1.0 if tau is not None else 1 + math.sqrt(W / H) * ((1 + scv) / 2 - 1)
    rc = dict(r)
    rc["gap"] = r["gap"] / f
    out["wait_factor"] = f
    out["mean_c"] = r["mean_wait"] * f + r["mean_hold"]
    for q in (0.5, 0.95, 0.99):
        out[f"p{int(q * 100)}_c"] = quantile_mix(q, rc, W, tau, ws, means)
    return out
