"""nnsim: a desktop neural-network simulator with its own NumPy engine.

Floors (imports only go down): ``ui`` -> ``training`` -> ``spec`` -> ``data`` -> ``engine``.
See ``docs/architecture.md``.
"""

__version__ = "0.1.0"
