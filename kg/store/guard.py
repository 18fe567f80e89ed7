"""Run a query's work in a child process with a time limit that holds.

The query engine runs in native code that Python cannot interrupt; a child
process can be killed. The child sends its result back as JSON (data, never
pickle), dies with its parent (PR_SET_PDEATHSIG), and is killed on Ctrl-C or
when the time is up."""

from __future__ import annotations

import json
import os
import select
import signal
import time
from collections.abc import Callable

from kg.store import StoreError, first_line


def run_with_timeout(work: Callable[[], dict], timeout: float) -> dict:
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns
        code = 0
        try:
            os.close(r)
            signal.signal(signal.SIGINT, signal.SIG_IGN)
            from kg.pipeline_exec import _die_with_parent

            _die_with_parent()
            try:
                out = {"ok": work()}
            except StoreError as exc:
                out = {"error": str(exc)}
            except Exception as exc:
                out = {"error": f"query failed: {first_line(exc)}"}
            data = json.dumps(out, ensure_ascii=False).encode()
            view = memoryview(data)
            while view:
                view = view[os.write(w, view):]
        except BaseException:
            code = 1
        finally:
            os._exit(code)
    os.close(w)
    chunks: list[bytes] = []
    deadline = time.monotonic() + timeout
    try:
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise StoreError(f"query stopped after {timeout:g} s (the time limit; "
                                 "give a longer --timeout, or a LIMIT)")
            ready, _, _ = select.select([r], [], [], min(left, 0.5))
            if ready:
                chunk = os.read(r, 1 << 20)
                if not chunk:
                    break
                chunks.append(chunk)
    finally:
        os.close(r)
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        os.waitpid(pid, 0)
    try:
        out = json.loads(b"".join(chunks))
    except ValueError:
        raise StoreError("query failed: the query process ended without an answer "
                         "(out of memory?)") from None
    if "error" in out:
        raise StoreError(out["error"])
    return out["ok"]
