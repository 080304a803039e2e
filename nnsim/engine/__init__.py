"""The NumPy engine: the seed notes' math, with no Qt and no framework.

``from nnsim.engine import Network, Dense, Dropout, ...``; see ``docs/architecture.md``.
"""

from .activations import ACTIVATIONS, get_activation
from .init import INITIALISERS, initialise
from .layers import Activation, Add, Concatenate, Dense, Dropout, Layer
from .losses import LOSSES, get_loss
from .network import Network, Node
from .optim import OPTIMIZERS, Optimizer, make_optimizer
from .recurrent import LSTM, SimpleRNN, probe_network

__all__ = [
    "ACTIVATIONS", "INITIALISERS", "LOSSES", "OPTIMIZERS",
    "Activation", "Add", "Concatenate", "Dense", "Dropout", "Layer", "Network", "Node",
    "Optimizer", "get_activation", "get_loss", "initialise", "make_optimizer",
]
__all__ += ["LSTM", "SimpleRNN", "probe_network"]
