"""Datasets for nnsim (Qt-free, NumPy only).

>>> from nnsim.data import DATASETS, make_dataset
>>> ds = make_dataset("xor", n_samples=200, seed=1)
>>> ds.x_train.shape, ds.kind, ds.n_classes
((160, 2), 'classification', 2)

Families: `toy2d` (2-D classification), `regression`, `digits`, `sequences`, `text`, and
`csv_import` for the user's own files. Every bad input raises `DataError` with a message for
the user.
"""

from nnsim.data.csv_import import load_csv
from nnsim.data.dataset import DataError, Dataset
from nnsim.data.registry import (DATASETS, DatasetInfo, ParamInfo, groups, make_dataset,
                                 validate_params)

__all__ = ["DATASETS", "DataError", "Dataset", "DatasetInfo", "ParamInfo", "groups", "load_csv",
           "make_dataset", "validate_params"]
