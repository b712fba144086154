"""A gunicorn worker's resident memory over many requests (``bench/pages_bench.py --memory``).

The workers are the gunicorn master's children, found in ``/proc``; their
``VmRSS`` is read after a warm-up, at every fifth of the requests and at the
end, so that a steady growth shows apart from the first requests' imports and
caches.
"""

import collections
import concurrent.futures
import http.client
from pathlib import Path


def worker_pids(master_pid):
    """The gunicorn master's worker processes (its children, from /proc)."""
    children = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == master_pid:
            children.append(int(stat.parent.name))
    return sorted(children)


def resident_kb(pid):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def send(base, paths, count, threads=8):
    """``count`` GET requests spread over ``paths`` from ``threads`` keep-alive connections; the statuses seen."""
    host, port = base.removeprefix("http://").split(":")

    def one_connection(share):
        connection = http.client.HTTPConnection(host, int(port), timeout=30)
        statuses = collections.Counter()
        for number in range(share):
            connection.request("GET", paths[number % len(paths)])
            response = connection.getresponse()
            response.read()
            statuses[response.status] += 1
        connection.close()
        return statuses

    shares = [count // threads + (1 if n < count % threads else 0) for n in range(threads)]
    with concurrent.futures.ThreadPoolExecutor(threads) as pool:
        return sum(pool.map(one_connection, shares), collections.Counter())


def measure_memory(base, server, pages, args, results):
    """Each worker's resident memory before, during and after ``--memory-requests`` requests."""
    paths = [pages[kind] for kind in ("home", "detail", "index", "search") if kind in pages]
    send(base, paths, 500)
    workers = worker_pids(server.process.pid)
    samples = [{pid: resident_kb(pid) for pid in workers}]
    statuses = collections.Counter()
    for _fifth in range(5):
        statuses += send(base, paths, args.memory_requests // 5)
        samples.append({pid: resident_kb(pid) for pid in workers})
    for pid in workers:
        series = [sample[pid] for sample in samples]
        print(
            f"worker {pid}: VmRSS {' -> '.join(f'{kb / 1024:.1f}' for kb in series)} MB "
            f"(growth {(series[-1] - series[0]) / 1024:+.1f} MB over {args.memory_requests} requests shared by "
            f"{len(workers)} workers)",
            flush=True,
        )
    print(f"statuses: {dict(statuses)}", flush=True)
    results.append({"site": "compatriots", "mode": "memory", "samples_kb": samples, "statuses": dict(statuses)})
