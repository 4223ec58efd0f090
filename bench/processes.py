"""CPU time of a server's processes, read from /proc (psutil). Kept free of Django imports."""

from __future__ import annotations

import psutil


def tree_cpu(pid: int) -> float:
    """CPU seconds process `pid` and its children have used so far, ended (reaped) ones too."""
    parent = psutil.Process(pid)
    total = sum(parent.cpu_times()[:4])  # itself and its ended (reaped) children
    for child in parent.children():
        try:
            total += sum(child.cpu_times()[:2])
        except psutil.NoSuchProcess:
            pass  # ended meanwhile: counted on the next call, with the reaped ones
    return total
