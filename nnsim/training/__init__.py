"""Training, Qt-free: the Trainer, immutable Snapshots, diagnosis, and the command loop that the
app's runners (thread or process) drive.
"""

from .diagnosis import diagnose, locate_non_finite
from .snapshot import Diagnosis, LayerStats, Snapshot
from .trainer import Trainer, load_dataset

__all__ = ["Diagnosis", "LayerStats", "Snapshot", "Trainer", "diagnose", "load_dataset",
           "locate_non_finite"]
