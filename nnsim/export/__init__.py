"""Export an nnsim project to code that runs without nnsim (Qt-free).

``export_pytorch(project)`` returns the text of a self-contained PyTorch script (an
``nn.Module`` matching the drawn network, the weights, the data, the loss, the optimiser and a
training loop); ``export_pytorch_to_file(project, path)`` writes it (and, for a large data set,
a ``.npz`` beside it). See ``docs/export.md``.
"""

from .pytorch import EMBED_LIMIT, dataset_npz, export_pytorch, export_pytorch_to_file

__all__ = ["EMBED_LIMIT", "dataset_npz", "export_pytorch", "export_pytorch_to_file"]
